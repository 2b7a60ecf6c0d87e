package io.migrabot.script;

import java.util.List;
import java.util.Objects;

/**
 * The value of a module-level assignment, as far as it can be known without running the file: a string, None,
 * or a tuple, list or set display of values. Everything else is {@link Other} and keeps its source text.
 */
sealed interface PyValue permits PyValue.Str, PyValue.NoneValue, PyValue.Seq, PyValue.Other {

    /** A str literal (adjacent literals already concatenated, escapes decoded). */
    record Str(String value) implements PyValue {
        public Str {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The literal {@code None}. */
    record NoneValue() implements PyValue {
    }

    /** A tuple, list or set display; the items in source order. */
    record Seq(Kind kind, List<PyValue> items) implements PyValue {
        public Seq {
            Objects.requireNonNull(kind, "kind");
            items = List.copyOf(items);
        }

        enum Kind { TUPLE, LIST, SET }
    }

    /** Any other expression: a name, call, f-string, bytes, number, {@code +} concatenation, ... */
    record Other(String sourceText) implements PyValue {
        public Other {
            Objects.requireNonNull(sourceText, "sourceText");
        }
    }
}
