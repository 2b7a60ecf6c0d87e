package io.migrabot.script;

import java.util.List;
import java.util.Objects;

/**
 * The value of a module-level assignment, as far as it can be known without running the file: a string, None,
 * a tuple, list or set display of values, a (dotted) name whose value another binding gives, or what an import
 * statement binds. Everything else is {@link Other} and keeps its source text.
 */
sealed interface PyValue permits PyValue.Str, PyValue.NoneValue, PyValue.Seq, PyValue.Name, PyValue.Imported,
        PyValue.Other {

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

    /** A name or an attribute chain of names ({@code CONTRACT}, {@code cli.CONTRACT_BRANCH}), dots included. */
    record Name(String dotted) implements PyValue {
        public Name {
            Objects.requireNonNull(dotted, "dotted");
        }
    }

    /**
     * What an import binds: {@code from ..a.b import c} is level 2, module {@code a.b}, attribute {@code c};
     * {@code import a.b as m} is module {@code a.b} and no attribute; {@code import a.b} binds {@code a}, so it is
     * module {@code a}, with {@code a.b} recorded in {@code imported} (the submodules that statement loads).
     *
     * @param attribute null when the name is bound to the module itself
     * @param imported  the full dotted module path the statement imports (equal to {@code module} but for a plain
     *                  {@code import a.b})
     */
    record Imported(int level, String module, String attribute, String imported, String sourceText)
            implements PyValue {
        public Imported {
            Objects.requireNonNull(module, "module");
            Objects.requireNonNull(imported, "imported");
            Objects.requireNonNull(sourceText, "sourceText");
        }
    }

    /** Any other expression: a name, call, f-string, bytes, number, {@code +} concatenation, ... */
    record Other(String sourceText) implements PyValue {
        public Other {
            Objects.requireNonNull(sourceText, "sourceText");
        }
    }
}
