package io.migrabot.chat;

import io.migrabot.config.Role;

import java.util.Objects;

/**
 * A chat command as data: its name, the arguments it takes (for usage lines), what it does (for help and the
 * command menu), the least role that may run it, and the action. Building one checks itself.
 *
 * @param arguments the usage after the name, such as {@code [TARGET] REV}; empty for none
 */
public record ChatCommand(String name, String arguments, String description, Role role, Action action) {

    /** What a command does; it answers through {@link Call#replies()} and throws for mistakes. */
    @FunctionalInterface
    public interface Action {
        void run(Call call);
    }

    public ChatCommand {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(role, "role");
        if (!name.matches("[a-z][a-z0-9_]{0,31}")) {
            throw new IllegalArgumentException("a command name is 1-32 lower-case letters, digits or _: " + name);
        }
        if (description.isBlank() || description.length() > 256) {
            throw new IllegalArgumentException("/" + name + " needs a description of 1-256 characters");
        }
    }

    public String usage() {
        return "/" + name + (arguments.isEmpty() ? "" : " " + arguments);
    }
}
