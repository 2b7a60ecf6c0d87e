package io.migrabot.doctor;

/** How bad a finding is; an error fails {@code migrabot doctor} in a pipeline. */
public enum Severity {
    ERROR("error", "❌"),
    WARNING("warning", "⚠️"),
    INFO("info", "ℹ️");

    private final String key;
    private final String symbol;

    Severity(String key, String symbol) {
        this.key = key;
        this.symbol = symbol;
    }

    public String key() {
        return key;
    }

    /** The mark chat shows before a finding. */
    public String symbol() {
        return symbol;
    }
}
