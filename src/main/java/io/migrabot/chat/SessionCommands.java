package io.migrabot.chat;

import io.migrabot.config.Role;
import io.migrabot.config.TargetConfig;
import io.migrabot.config.UserConfig;
import io.migrabot.state.Audit;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The conversation itself: greeting, help, who you are, targets, the chat's default target, cancel, audit. */
final class SessionCommands {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private SessionCommands() {
    }

    /** @param commands all commands, for /help (given late: /help lists itself) */
    static List<ChatCommand> all(Supplier<List<ChatCommand>> commands) {
        return List.of(
                new ChatCommand("start", "", "What this bot does", Role.VIEWER, call -> start(call, commands.get())),
                new ChatCommand("help", "", "The commands you can use", Role.VIEWER,
                        call -> help(call, commands.get())),
                new ChatCommand("whoami", "", "Your id, role and targets", Role.VIEWER, SessionCommands::whoami),
                new ChatCommand("targets", "", "The databases you can work on", Role.VIEWER,
                        SessionCommands::targets),
                new ChatCommand("use", "TARGET", "Choose this chat's default target", Role.VIEWER,
                        SessionCommands::use),
                new ChatCommand("cancel", "", "Stop the operation running in this chat", Role.OPERATOR,
                        SessionCommands::cancel),
                new ChatCommand("audit", "[N]", "The last N audit entries", Role.ADMIN, SessionCommands::audit));
    }

    private static void start(Call call, List<ChatCommand> commands) {
        call.arguments(0, 0);
        call.replies().text("👋 <b>migrabot</b> runs and checks database migrations (Alembic or SQL) for your team, "
                + "with backups and approvals for anything destructive.\n" + who(call) + "\n/help lists the "
                + "commands; /targets the databases.");
    }

    private static void help(Call call, List<ChatCommand> commands) {
        call.arguments(0, 0);
        Role role = call.caller().user().role();
        StringBuilder html = new StringBuilder("Commands for ").append(role.key()).append("s:");
        for (ChatCommand command : commands) {
            if (role.atLeast(command.role())) {
                html.append("\n").append(Html.escape(command.usage())).append(" — ")
                        .append(Html.escape(command.description()));
            }
        }
        html.append("\n\nTARGET may be left out when the chat has a default (/use) or you have one target.");
        call.replies().text(html.toString());
    }

    private static void whoami(Call call) {
        call.arguments(0, 0);
        call.replies().text(who(call));
    }

    private static String who(Call call) {
        UserConfig user = call.caller().user();
        List<TargetConfig> targets = call.context().access().targets(user);
        return "You are " + Html.bold(user.name()) + " (id " + user.id() + "), " + user.role().key() + " of "
                + targets.size() + " target(s): " + Html.escape(String.join(", ",
                targets.stream().map(TargetConfig::name).toList())) + ".";
    }

    private static void targets(Call call) {
        call.arguments(0, 0);
        UserConfig user = call.caller().user();
        Optional<String> chosen = call.context().chats().defaultTarget(call.caller().chatId());
        StringBuilder html = new StringBuilder("Your targets:");
        for (TargetConfig target : call.context().access().targets(user)) {
            html.append("\n• ").append(Html.code(target.name())).append(" — ").append(target.environment().key())
                    .append(", ").append(target.migrations() instanceof io.migrabot.config.MigrationsSource.Alembic
                            ? "Alembic" : "SQL").append(", ").append(Html.escape(target.displayUrl()))
                    .append(chosen.filter(target.name()::equals).isPresent() ? " (this chat's default)" : "");
        }
        call.replies().text(html.toString());
    }

    private static void use(Call call) {
        String name = call.argument();
        TargetConfig target = call.context().access().target(call.caller().user(), name)
                .orElseThrow(() -> new UsageException("no target '" + name + "' of yours; /targets lists them"));
        call.context().chats().useTarget(call.caller().chatId(), target.name());
        call.replies().text("This chat now works on " + Html.code(target.name()) + " unless a command names "
                + "another target.");
    }

    private static void cancel(Call call) {
        call.arguments(0, 0);
        Optional<Operations.Running> running = call.context().operations().cancel(call.caller().chatId());
        call.replies().text(running.map(r -> "🛑 asked " + Html.escape(r.description()) + " to stop; it stops "
                + "after the revision it is running, and the version table keeps what completed.")
                .orElse("Nothing is running in this chat."));
    }

    private static void audit(Call call) {
        List<String> args = call.arguments(0, 1);
        int n = 10;
        if (!args.isEmpty()) {
            try {
                n = Integer.parseInt(args.get(0));
            } catch (NumberFormatException e) {
                throw new UsageException("N is a number of entries, 1 to 100");
            }
            if (n < 1 || n > 100) {
                throw new UsageException("N is a number of entries, 1 to 100");
            }
        }
        List<Audit.Entry> entries = call.context().audit().latest(n);
        StringBuilder html = new StringBuilder("Last ").append(entries.size()).append(" audit entries:");
        for (Audit.Entry e : entries) {
            html.append("\n").append(WHEN.format(e.at())).append(" ").append(Html.escape(String.valueOf(e.userName())))
                    .append(" /").append(Html.escape(e.command()));
            if (e.target() != null) {
                html.append(" ").append(Html.code(e.target()));
            }
            if (e.arguments() != null && !e.arguments().isEmpty()) {
                html.append(" ").append(Html.escape(e.arguments()));
            }
            html.append(" → ").append(Html.escape(e.decision()));
            if (e.outcome() != null) {
                html.append(": ").append(Html.escape(e.outcome()));
            }
        }
        call.replies().text(html.toString());
    }
}
