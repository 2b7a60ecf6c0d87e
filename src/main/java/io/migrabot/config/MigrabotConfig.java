package io.migrabot.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The whole configuration: the file it came from, the targets by name in file order, and the bot's settings. */
public record MigrabotConfig(Path file, Map<String, TargetConfig> targets, BotSettings bot) {

    public MigrabotConfig {
        targets = Collections.unmodifiableMap(new LinkedHashMap<>(targets));
    }

    /** Targets only, no bot: what the one-shot command line needs. */
    public MigrabotConfig(Path file, Map<String, TargetConfig> targets) {
        this(file, targets, BotSettings.none());
    }

    public Optional<TargetConfig> target(String name) {
        return Optional.ofNullable(targets.get(name));
    }
}
