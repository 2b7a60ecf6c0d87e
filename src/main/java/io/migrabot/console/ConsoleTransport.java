package io.migrabot.console;

import io.migrabot.chat.ChatSender;
import io.migrabot.chat.ChatKind;
import io.migrabot.chat.IncomingUpdate;
import io.migrabot.chat.UpdateHandler;
import io.migrabot.config.UserConfig;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The chat in a terminal: each line typed is a message from the user the console acts as, a number chooses one
 * of the buttons shown last, {@code \as NAME} switches to another configured user (to approve as a second admin),
 * {@code \quit} or end of input leaves. It translates; the conversation decides.
 */
public final class ConsoleTransport {
    private final BufferedReader in;
    private final PrintWriter out;
    private final ConsoleSender sender;
    private final List<UserConfig> users;
    private final AtomicLong nextUpdate = new AtomicLong(-System.currentTimeMillis() * 1000);
    private UserConfig actingAs;

    /** @param files where files the bot sends (SQL previews, pictures) are saved */
    public ConsoleTransport(BufferedReader in, PrintWriter out, Path files, List<UserConfig> users,
                            UserConfig actingAs) {
        this.in = in;
        this.out = out;
        this.sender = new ConsoleSender(out, files);
        this.users = users;
        this.actingAs = actingAs;
    }

    public ChatSender sender() {
        return sender;
    }

    /** Reads lines until {@code \quit} or the end of input, handing each to {@code handler}. */
    public void run(UpdateHandler handler) throws IOException {
        prompt();
        String line;
        while ((line = in.readLine()) != null) {
            String text = line.strip();
            if (text.equals("\\quit") || text.equals("\\q")) {
                break;
            }
            if (text.startsWith("\\as")) {
                switchUser(text.substring(3).strip());
            } else if (text.startsWith("\\")) {
                out.println("(no console command " + text.split("\\s+")[0] + "; \\as NAME acts as another user, "
                        + "\\quit leaves)");
            } else if (text.matches("\\d{1,2}")) {
                choose(handler, Integer.parseInt(text));
            } else if (!text.isEmpty()) {
                handler.handle(new IncomingUpdate(nextUpdate.decrementAndGet(), chatId(), actingAs.id(),
                        actingAs.name(), ChatKind.CONSOLE, text, null, null, null));
            }
            prompt();
        }
    }

    private void choose(UpdateHandler handler, int number) {
        ConsoleSender.Choice choice = sender.choice(number);
        if (choice == null) {
            out.println("(no choice " + number + " on screen)");
            return;
        }
        long update = nextUpdate.decrementAndGet();
        handler.handle(new IncomingUpdate(update, chatId(), actingAs.id(), actingAs.name(), ChatKind.CONSOLE,
                null, "console" + update, choice.button().data(), choice.messageId()));
    }

    private void switchUser(String who) {
        Optional<UserConfig> user = users.stream().filter(u -> u.name().equalsIgnoreCase(who)
                || String.valueOf(u.id()).equals(who)).findFirst();
        if (user.isEmpty()) {
            out.println("(no configured user '" + who + "'; users: " + String.join(", ",
                    users.stream().map(UserConfig::name).toList()) + ")");
            return;
        }
        actingAs = user.get();
        out.println("(now acting as " + actingAs.name() + ", " + actingAs.role().key() + ")");
    }

    /** One chat for the whole console session, whoever types. */
    private static long chatId() {
        return 0;
    }

    private void prompt() {
        out.print(actingAs.name() + "> ");
        out.flush();
    }
}
