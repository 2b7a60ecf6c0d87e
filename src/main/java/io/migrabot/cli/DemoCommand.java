package io.migrabot.cli;

import io.migrabot.chat.ChatService;
import io.migrabot.config.UserConfig;
import io.migrabot.console.ConsoleTransport;
import io.migrabot.demo.Demo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "demo", description = "Try migrabot in this terminal on an embedded PostgreSQL, with targets in the "
        + "runbooks' situations; everything it makes is removed when you leave.",
        footer = {"  migrabot demo",
                "  migrabot demo --files /tmp/migrabot-files"})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--files", paramLabel = "DIR", description = "Keep the files the bot sends (pictures, SQL) in DIR "
            + "(default: in the demo's folder, removed on exit).")
    Path files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Demo demo = Demo.start(Optional.ofNullable(files), out)) {
            List<UserConfig> users = demo.config().bot().users();
            ConsoleTransport console = new ConsoleTransport(new BufferedReader(new InputStreamReader(System.in,
                    StandardCharsets.UTF_8)), out, demo.files(), users, users.get(0));
            ChatService service = demo.openChat(console.sender());
            out.println(demo.welcome());
            console.run(service.conversation());
        }
        return 0;
    }
}
