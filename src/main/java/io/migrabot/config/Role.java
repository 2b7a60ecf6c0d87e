package io.migrabot.config;

/** What a person may do from chat; each role may do everything the ones before it may. */
public enum Role {
    /** Reads: current, heads, history, show, pending, graph, backups, SQL previews. */
    VIEWER("viewer"),
    /** Also changes that the approval policy lets through or sends for approval: upgrade, merge, backup. */
    OPERATOR("operator"),
    /** Also downgrade, stamp, restore, approving others' requests, and the audit log. */
    ADMIN("admin");

    private final String key;

    Role(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public boolean atLeast(Role other) {
        return compareTo(other) >= 0;
    }
}
