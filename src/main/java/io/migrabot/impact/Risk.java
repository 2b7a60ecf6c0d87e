package io.migrabot.impact;

/** How dangerous a revision is to run on a live database, lowest first; UNKNOWN when it could not be measured. */
public enum Risk {
    LOW("low"), MEDIUM("medium"), HIGH("high"), UNKNOWN("unknown");

    private final String key;

    Risk(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** Whether this is at or above {@code threshold}; an unknown impact counts as high. */
    public boolean atLeast(Risk threshold) {
        return (this == UNKNOWN ? HIGH : this).ordinal() >= threshold.ordinal();
    }
}
