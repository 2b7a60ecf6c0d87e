package io.migrabot.console;

import io.migrabot.chat.ChatSender;
import io.migrabot.chat.Html;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The chat as text in a terminal: messages printed without markup, buttons as numbered choices, edits printed
 * again with the message's number, files saved to a folder and named.
 */
final class ConsoleSender implements ChatSender {
    private final PrintWriter out;
    private final Path files;
    private final AtomicInteger nextMessage = new AtomicInteger(1);
    private final List<Choice> choices = new ArrayList<>();

    /** A button on screen and the message it is under. */
    record Choice(Button button, int messageId) {
    }

    ConsoleSender(PrintWriter out, Path files) {
        this.out = out;
        this.files = files;
    }

    /** The button a typed number chooses, from the buttons shown last; null when there is none. */
    synchronized Choice choice(int number) {
        return number >= 1 && number <= choices.size() ? choices.get(number - 1) : null;
    }

    @Override
    public synchronized int sendText(long chatId, String html, List<List<Button>> buttons) {
        int id = nextMessage.getAndIncrement();
        print("[" + id + "] " + Html.plain(html), buttons, id);
        return id;
    }

    @Override
    public synchronized void editText(long chatId, int messageId, String html, List<List<Button>> buttons) {
        print("[" + messageId + ", updated] " + Html.plain(html), buttons, messageId);
    }

    @Override
    public synchronized void answerButton(String callbackId, String text, boolean alert) {
        print((alert ? "(!) " : "» ") + text, List.of(), 0);
    }

    @Override
    public synchronized void sendDocument(long chatId, String fileName, byte[] content, String caption) {
        print("[file] " + save(fileName, content) + (caption == null ? "" : " — " + caption), List.of(), 0);
    }

    @Override
    public synchronized void sendPhoto(long chatId, String fileName, byte[] png, String caption) {
        print("[picture] " + save(fileName, png) + (caption == null ? "" : " — " + Html.plain(caption)), List.of(), 0);
    }

    @Override
    public void setCommands(List<Command> commands) {
        // a terminal has no command menu; /help lists them
    }

    private Path save(String fileName, byte[] content) {
        try {
            Files.createDirectories(files);
            Path file = files.resolve(fileName.replaceAll("[^A-Za-z0-9._-]", "_"));
            Files.write(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save " + fileName + " in " + files, e);
        }
    }

    private void print(String text, List<List<Button>> buttons, int messageId) {
        out.println(text);
        if (!buttons.isEmpty()) {
            choices.clear();
            StringBuilder line = new StringBuilder("   ");
            for (List<Button> row : buttons) {
                for (Button button : row) {
                    choices.add(new Choice(button, messageId));
                    line.append(" [").append(choices.size()).append("] ").append(button.text());
                }
            }
            out.println(line + "   (type the number to choose)");
        }
        out.flush();
    }
}
