package io.migrabot.script;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link PythonModuleScanner} learns from a module's source: its docstring ({@code __doc__}), the value each
 * name holds after the module-level simple statements ran, the last assignment winning as in Python, and the names
 * that blocks Python also runs at import time may bind or delete, which can change those values.
 *
 * @param docString     the module docstring, as Python stores it (not stripped); empty when the module has none
 * @param assignments   by name, in order of first assignment; blocks' statements not counted
 * @param blockBindings every binding or deletion inside a module-level block other than a def or class body, in
 *                      source order
 */
record PythonModule(Optional<DocString> docString, Map<String, Assignment> assignments,
                    List<BlockBinding> blockBindings) {

    PythonModule {
        Objects.requireNonNull(docString, "docString");
        assignments = Collections.unmodifiableMap(new LinkedHashMap<>(assignments));
        blockBindings = List.copyOf(blockBindings);
    }

    Optional<Assignment> assignment(String name) {
        return Optional.ofNullable(assignments.get(name));
    }

    /** The bindings and deletions of {@code name} inside blocks, in source order. */
    List<BlockBinding> blockBindings(String name) {
        if (blockBindings.isEmpty()) {
            return List.of(); // the usual case, asked four times per file
        }
        return blockBindings.stream().filter(binding -> binding.name().equals(name)).toList();
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

    /**
     * A binding (or, if {@code deleted}, a {@code del}) of {@code name} on {@code line}, made by a statement inside
     * a block Python may or may not run, or run several times, when it imports the module.
     *
     * @param block the keyword of the innermost block holding the statement ({@code if}, {@code else},
     *              {@code except}, {@code with}, {@code for}, ...); for a {@code for} target or an {@code as} name,
     *              the keyword of the header that binds it
     */
    record BlockBinding(String name, int line, String block, boolean deleted) {
        BlockBinding {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(block, "block");
        }
    }
}
