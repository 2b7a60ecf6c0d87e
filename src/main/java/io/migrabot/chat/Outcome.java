package io.migrabot.chat;

/**
 * How an operation run from chat ended.
 *
 * @param html    what the status message shows at the end
 * @param summary one line for the audit log and the journal
 */
public record Outcome(boolean ok, String html, String summary) {
}
