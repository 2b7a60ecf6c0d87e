package io.migrabot.schema;

/**
 * The kinds of object a schema model holds and a difference names, with the words a person reads. Differences are
 * listed in this order.
 */
public enum ObjectKind {
    SCHEMA("schema"),
    EXTENSION("extension"),
    ENUM("enum type"),
    SEQUENCE("sequence"),
    TABLE("table"),
    COLUMN("column"),
    PRIMARY_KEY("primary key"),
    FOREIGN_KEY("foreign key"),
    UNIQUE("unique constraint"),
    CHECK("check constraint"),
    EXCLUSION("exclusion constraint"),
    INDEX("index"),
    VIEW("view"),
    MATERIALIZED_VIEW("materialized view");

    private final String text;

    ObjectKind(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public boolean isConstraint() {
        return compareTo(PRIMARY_KEY) >= 0 && compareTo(EXCLUSION) <= 0;
    }
}
