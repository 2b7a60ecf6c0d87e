package io.migrabot.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The whole configuration: the file it came from and the targets, by name, in file order. */
public record MigrabotConfig(Path file, Map<String, TargetConfig> targets) {

    public MigrabotConfig {
        targets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(targets));
    }

    public Optional<TargetConfig> target(String name) {
        return Optional.ofNullable(targets.get(name));
    }
}
