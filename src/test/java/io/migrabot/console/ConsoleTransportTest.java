package io.migrabot.console;

import io.migrabot.chat.ChatService;
import io.migrabot.config.MigrabotConfig;
import io.migrabot.config.UserConfig;
import io.migrabot.testing.ChatSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The console as a person uses it: typed commands, numbered buttons, switching to a second admin to approve. */
class ConsoleTransportTest {
    @TempDir
    Path directory;

    @Test
    void anUpgradeIsRequestedApprovedByASecondAdminAndRunInTheTerminal() throws Exception {
        try (ChatSetup setup = ChatSetup.create(directory, URI.create("http://127.0.0.1:9"), "")) {
            MigrabotConfig config = setup.config();
            UserConfig carol = config.bot().user(ChatSetup.CAROL).orElseThrow();
            String typed = String.join("\n", "/whoami", "/upgrade shop head", "1", "\\as nobody", "\\as bob",
                    "7", "1", "\\quit", "/never-read");
            StringWriter screen = new StringWriter();
            ConsoleTransport console = new ConsoleTransport(new BufferedReader(new StringReader(typed)),
                    new PrintWriter(screen), directory.resolve("files"), config.bot().users(), carol);
            try (ChatService service = ChatService.open(config, console.sender())) {
                console.run(service.conversation());
            }
            String out = screen.toString();
            assertThat(out).contains("carol> ", "You are carol (id 1003), operator of 2 target(s)");
            assertThat(out).contains("Approval needed: upgrade on shop (production)", "[1] ✅ Approve [2] ❌ Reject");
            assertThat(out).contains("requested by carol: /upgrade shop head", "(!) Only an admin of shop can approve");
            assertThat(out).contains("(no configured user 'nobody'", "(now acting as bob, admin)", "bob> ");
            assertThat(out).contains("(no choice 7 on screen)", "» Approved; running it now.", "upgrade done");
            assertThat(out).contains("[file] ").doesNotContain("never-read");
            try (var files = Files.list(directory.resolve("files"))) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactly("upgrade-shop.sql");
            }
        }
    }
}
