package io.migrabot.chat;

import java.util.List;

/**
 * Everything the bot can say in a chat. Text and captions are HTML in the subset chat clients render ({@code <b>},
 * {@code <i>}, {@code <code>}, {@code <pre>}, {@code <a>}), with {@code <}, {@code >} and {@code &} escaped elsewhere.
 * Buttons are rows of buttons; an empty list means none. Every method throws when the message could not be
 * delivered: the caller decides whether to try again.
 */
public interface ChatSender {

    /** Sends a message and returns its id, which {@link #editText} takes. */
    int sendText(long chatId, String html, List<List<Button>> buttons);

    /** Replaces the text and the buttons of a message the bot sent. */
    void editText(long chatId, int messageId, String html, List<List<Button>> buttons);

    /** Acknowledges a button press, with a short notice, or a dialog the person must dismiss when {@code alert}. */
    void answerButton(String callbackId, String text, boolean alert);

    /** Sends a file; {@code caption} may be {@code null}. */
    void sendDocument(long chatId, String fileName, byte[] content, String caption);

    /** Sends a PNG image shown inline; {@code caption} may be {@code null}. */
    void sendPhoto(long chatId, String fileName, byte[] png, String caption);

    /** Publishes the commands chat clients offer when a person types {@code /}. */
    void setCommands(List<Command> commands);

    /** A button under a message: its label and the data its press carries back. */
    record Button(String text, String data) {
    }

    /** A command offered by the chat client: its name without the {@code /}, and what it does. */
    record Command(String name, String description) {
    }
}
