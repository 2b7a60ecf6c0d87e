package io.migrabot.revision;

import java.util.List;

/**
 * One end of a revision range as Alembic receives it: nothing (base), one argument as typed ({@code "head-1"},
 * {@code "label@heads"}), or a tuple of revision ids such as the heads a database is stamped with. Alembic treats
 * the three differently (only a typed argument can be relative or carry a label), so they stay distinct here.
 */
public record RevisionSpec(String text, List<String> ids) {

    public static final RevisionSpec NONE = new RevisionSpec(null, null);

    public RevisionSpec {
        if (text != null && ids != null) {
            throw new IllegalArgumentException("a revision spec is an argument or a tuple of ids, not both");
        }
        ids = ids == null ? null : List.copyOf(ids);
    }

    public static RevisionSpec of(String argument) {
        return argument == null ? NONE : new RevisionSpec(argument, null);
    }

    public static RevisionSpec ofIds(List<String> ids) {
        return new RevisionSpec(null, ids);
    }

    public boolean isNone() {
        return text == null && ids == null;
    }

    public boolean isText() {
        return text != null;
    }

    /** Python's to_tuple: the ids, the argument as a one-element list, or empty for none. */
    List<String> asList() {
        if (text != null) {
            return List.of(text);
        }
        return ids == null ? List.of() : ids;
    }

    /** How Alembic's messages print this end ({@code "%s" % value}): a tuple in Python's notation, none as base. */
    String pythonText() {
        if (text != null) {
            return text.isEmpty() ? "base" : text;
        }
        if (ids == null || ids.isEmpty()) {
            return "base";
        }
        List<String> quoted = new java.util.ArrayList<>();
        for (String id : ids) {
            quoted.add("'" + id + "'");
        }
        return "(" + String.join(", ", quoted) + (ids.size() == 1 ? ",)" : ")");
    }

    @Override
    public String toString() {
        if (text != null) {
            return text;
        }
        return ids == null ? "base" : String.join(", ", ids);
    }
}
