package io.migrabot.script;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link PythonModuleScanner} learns from a module's source: its docstring ({@code __doc__}) and the value
 * each name holds after the module-level statements ran, the last assignment winning as in Python.
 *
 * @param docString   the module docstring, as Python stores it (not stripped); empty when the module has none
 * @param assignments by name, in order of first assignment
 */
record PythonModule(Optional<DocString> docString, Map<String, Assignment> assignments) {

    PythonModule {
        Objects.requireNonNull(docString, "docString");
        assignments = Collections.unmodifiableMap(new LinkedHashMap<>(assignments));
    }

    Optional<Assignment> assignment(String name) {
        return Optional.ofNullable(assignments.get(name));
    }

    /** The docstring's text and the line its first literal starts on. */
    record DocString(String text, int line) {
        DocString {
            Objects.requireNonNull(text, "text");
        }
    }

    /** The last module-level binding of {@code name}, made on {@code line}. */
    record Assignment(String name, int line, PyValue value) {
        Assignment {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }
}
