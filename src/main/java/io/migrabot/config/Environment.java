package io.migrabot.config;

/** How much care a target needs; approval and backup policies are set per environment. */
public enum Environment {
    PRODUCTION("production"),
    STAGING("staging"),
    DEVELOPMENT("development");

    private final String key;

    Environment(String key) {
        this.key = key;
    }

    /** The word used in the configuration file. */
    public String key() {
        return key;
    }
}
