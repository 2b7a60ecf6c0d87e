package io.migrabot.schema;

import java.util.Comparator;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A schema-qualified name, as PostgreSQL stores it (case and spaces kept, unquoted).
 */
public record QualifiedName(String schema, String name) implements Comparable<QualifiedName> {
    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");
    private static final Comparator<QualifiedName> ORDER =
            Comparator.comparing(QualifiedName::schema).thenComparing(QualifiedName::name);

    public QualifiedName {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
    }

    public static QualifiedName of(String schema, String name) {
        return new QualifiedName(schema, name);
    }

    /** {@code schema.name} for people: {@code public."Mixed Case"}. */
    @Override
    public String toString() {
        return display(schema) + "." + display(name);
    }

    /**
     * An identifier double-quoted when it is not a plain lower-case name, so that a dot or a space inside a name
     * cannot be misread. Reserved words stay unquoted: in a message they cannot be mistaken for anything else.
     */
    public static String display(String identifier) {
        return PLAIN.matcher(identifier).matches() ? identifier : "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    public int compareTo(QualifiedName other) {
        return ORDER.compare(this, other);
    }
}
