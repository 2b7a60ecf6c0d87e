package io.migrabot.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A chat sender that keeps everything sent, for tests of the conversation without a transport. */
final class RecordingSender implements ChatSender {
    /** One thing sent: what kind, to which chat, the text (or file name), the buttons, the file's bytes. */
    record Sent(String kind, long chatId, int messageId, String text, List<List<Button>> buttons, byte[] content) {
    }

    private final List<Sent> sent = new ArrayList<>();
    private final AtomicInteger nextId = new AtomicInteger(1);

    synchronized List<Sent> all() {
        return List.copyOf(sent);
    }

    synchronized Sent last() {
        return sent.get(sent.size() - 1);
    }

    synchronized void clear() {
        sent.clear();
    }

    /** The first message or edit (in order) that {@code test} accepts, waiting up to {@code seconds} for it. */
    Sent await(java.util.function.Predicate<Sent> test, int seconds) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (true) {
            synchronized (this) {
                for (Sent s : sent) {
                    if (test.test(s)) {
                        return s;
                    }
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("nothing matching within " + seconds + " s; sent: " + texts());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** The data of the button whose label contains {@code label}. */
    static String button(Sent message, String label) {
        return message.buttons().stream().flatMap(List::stream).filter(b -> b.text().contains(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no button '" + label + "' under: " + message.text()))
                .data();
    }

    /** The texts of all messages and edits, in order. */
    synchronized List<String> texts() {
        return sent.stream().filter(s -> s.kind.equals("text") || s.kind.equals("edit")).map(Sent::text).toList();
    }

    @Override
    public synchronized int sendText(long chatId, String html, List<List<Button>> buttons) {
        int id = nextId.getAndIncrement();
        sent.add(new Sent("text", chatId, id, html, buttons, null));
        return id;
    }

    @Override
    public synchronized void editText(long chatId, int messageId, String html, List<List<Button>> buttons) {
        sent.add(new Sent("edit", chatId, messageId, html, buttons, null));
    }

    @Override
    public synchronized void answerButton(String callbackId, String text, boolean alert) {
        sent.add(new Sent(alert ? "alert" : "notice", 0, 0, text, List.of(), null));
    }

    @Override
    public synchronized void sendDocument(long chatId, String fileName, byte[] content, String caption) {
        sent.add(new Sent("document", chatId, nextId.getAndIncrement(), fileName, List.of(), content));
    }

    @Override
    public synchronized void sendPhoto(long chatId, String fileName, byte[] png, String caption) {
        sent.add(new Sent("photo", chatId, nextId.getAndIncrement(), fileName, List.of(), png));
    }

    @Override
    public synchronized void setCommands(List<Command> commands) {
        sent.add(new Sent("commands", 0, 0, String.join(" ", commands.stream().map(Command::name).toList()),
                List.of(), null));
    }
}
