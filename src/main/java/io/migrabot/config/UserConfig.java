package io.migrabot.config;

import java.util.Set;

/**
 * A person allowed to talk to the bot, by numeric Telegram user id, with a role. The role applies to every target
 * unless narrowed: with {@code targets} or {@code environments} given, only to targets named there or in those
 * environments; the others do not exist for this person.
 */
public record UserConfig(long id, String name, Role role, Set<String> targets, Set<Environment> environments) {

    public UserConfig {
        targets = Set.copyOf(targets);
        environments = Set.copyOf(environments);
    }

    /** Whether the role applies to {@code target}. */
    public boolean reaches(TargetConfig target) {
        return (targets.isEmpty() || targets.contains(target.name()))
                && (environments.isEmpty() || environments.contains(target.environment()));
    }
}
