package io.migrabot.chat;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Answers to one chat, in HTML. Long text is split at line boundaries into a few messages; text too long for a
 * few messages goes as a document, so a huge history never floods the chat.
 */
public final class Replies {
    /** More parts than this and the text is sent as a file instead. */
    static final int MAX_PARTS = 4;

    private final ChatSender sender;
    private final long chatId;

    public Replies(ChatSender sender, long chatId) {
        this.sender = sender;
        this.chatId = chatId;
    }

    public long chatId() {
        return chatId;
    }

    public ChatSender sender() {
        return sender;
    }

    /** Sends markup; returns the id of the (last) message. */
    public int text(String html) {
        return text(html, List.of());
    }

    /** Sends markup with buttons under it (under the last part, when split). */
    public int text(String html, List<List<ChatSender.Button>> buttons) {
        List<String> parts = Html.split(html, Html.MESSAGE_LIMIT);
        if (parts.size() > MAX_PARTS) {
            String first = Html.split(html, 1000).get(0);
            sender.sendDocument(chatId, "reply.txt", Html.plain(html).getBytes(StandardCharsets.UTF_8),
                    "The full answer is attached (" + html.length() + " characters).");
            return sender.sendText(chatId, first, buttons);
        }
        int id = 0;
        for (int i = 0; i < parts.size(); i++) {
            id = sender.sendText(chatId, parts.get(i), i == parts.size() - 1 ? buttons : List.of());
        }
        return id;
    }

    /** Replaces an earlier message's text and buttons; text is cut to one message. */
    public void edit(int messageId, String html, List<List<ChatSender.Button>> buttons) {
        sender.editText(chatId, messageId, Html.split(html, Html.MESSAGE_LIMIT).get(0), buttons);
    }

    public void document(String fileName, byte[] content, String caption) {
        sender.sendDocument(chatId, fileName, content, caption);
    }

    public void photo(String fileName, byte[] png, String caption) {
        sender.sendPhoto(chatId, fileName, png, caption);
    }
}
