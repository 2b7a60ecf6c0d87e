package io.migrabot.chat;

import io.migrabot.config.TargetConfig;
import io.migrabot.operation.Target;

import java.util.List;
import java.util.Optional;

/**
 * One command being handled: who called, what they typed, where answers go, and the services. Commands read their
 * arguments through it, so the rules for the optional target and for argument counts are the same everywhere.
 */
public final class Call {
    private final Caller caller;
    private final CommandLine line;
    private final Replies replies;
    private final ChatContext context;
    private final ChatCommand command;
    private TargetConfig chosen;

    public Call(Caller caller, CommandLine line, Replies replies, ChatContext context, ChatCommand command) {
        this.caller = caller;
        this.line = line;
        this.replies = replies;
        this.context = context;
        this.command = command;
    }

    public Caller caller() {
        return caller;
    }

    public CommandLine line() {
        return line;
    }

    public Replies replies() {
        return replies;
    }

    public ChatContext context() {
        return context;
    }

    public ChatCommand command() {
        return command;
    }

    /** The target this call worked on, once {@link #target()} chose it; for the audit log. */
    public Optional<String> targetName() {
        return Optional.ofNullable(chosen).map(TargetConfig::name);
    }

    /**
     * The target: the first argument when it names a target this person can see (it is then taken out of the
     * arguments), else the chat's default from {@code /use}, else the only target this person can see.
     */
    public TargetConfig targetConfig() {
        if (chosen == null) {
            chosen = chooseTarget();
        }
        return chosen;
    }

    private TargetConfig chooseTarget() {
        Access access = context.access();
        List<String> words = line.arguments();
        TargetConfig chosen = null;
        if (!words.isEmpty()) {
            chosen = access.target(caller.user(), words.get(0)).orElse(null);
            if (chosen != null) {
                line.takeFirst();
            }
        }
        if (chosen == null) {
            chosen = context.chats().defaultTarget(caller.chatId())
                    .flatMap(name -> access.target(caller.user(), name)).orElse(null);
        }
        if (chosen == null) {
            List<TargetConfig> visible = access.targets(caller.user());
            if (visible.size() != 1) {
                throw new UsageException(visible.isEmpty() ? "you have no targets" : "which target? Name one first "
                        + "(/targets lists them) or choose one for this chat with /use TARGET");
            }
            chosen = visible.get(0);
        }
        return chosen;
    }

    /** The target, opened with its scripts as they are now. */
    public Target target() {
        return context.targets().open(targetConfig().name());
    }

    /** The remaining arguments, between {@code min} and {@code max} of them. */
    public List<String> arguments(int min, int max) {
        List<String> words = line.arguments();
        if (words.size() < min) {
            throw new UsageException(min == 1 && max == 1 ? "one argument is needed" : "at least " + min
                    + " argument(s) are needed");
        }
        if (words.size() > max) {
            throw new UsageException((max == 0 ? "unexpected argument(s): " : "too many arguments: ")
                    + String.join(" ", words.subList(max, words.size())));
        }
        return words;
    }

    /** Exactly one remaining argument. */
    public String argument() {
        return arguments(1, 1).get(0);
    }
}
