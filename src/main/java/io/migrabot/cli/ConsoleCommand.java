package io.migrabot.cli;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.chat.ChatService;
import io.migrabot.config.ConfigLoader;
import io.migrabot.config.MigrabotConfig;
import io.migrabot.config.Role;
import io.migrabot.config.UserConfig;
import io.migrabot.console.ConsoleTransport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "console", description = "Talk to the bot in this terminal, as a configured user.",
        footer = {"  migrabot console",
                "  migrabot console --as bob --config config/migrabot.yml"})
final class ConsoleCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "The configuration file "
            + "(default: config/migrabot.yml).")
    Path config = Path.of("config/migrabot.yml");

    @Option(names = "--as", paramLabel = "USER", description = "The configured user (name or id) to act as "
            + "(default: the first admin).")
    String as;

    @Option(names = "--files", paramLabel = "DIR", description = "Where to save files the bot sends "
            + "(default: ./migrabot-files).")
    Path files = Path.of("migrabot-files");

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        MigrabotConfig loaded = ConfigLoader.load(config, System.getenv());
        UserConfig user = loaded.bot().users().stream()
                .filter(u -> as == null ? u.role() == Role.ADMIN : u.name().equalsIgnoreCase(as)
                        || String.valueOf(u.id()).equals(as))
                .findFirst().orElseThrow(() -> new MigrabotException(ErrorCode.CONFIGURATION, as == null
                        ? config + " lists no admin under 'users'; add one, or pass --as USER"
                        : "no user '" + as + "' under 'users' in " + config));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        ConsoleTransport console = new ConsoleTransport(in, spec.commandLine().getOut(), files,
                loaded.bot().users(), user);
        try (ChatService service = ChatService.open(loaded, console.sender())) {
            spec.commandLine().getOut().println("migrabot console: type /help, a number to press a button, "
                    + "\\as NAME to act as another user, \\quit to leave.");
            console.run(service.conversation());
        }
        return 0;
    }
}
