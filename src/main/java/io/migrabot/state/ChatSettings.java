package io.migrabot.state;

import io.migrabot.database.TargetDatabase;

import java.util.Optional;

/** Per-chat settings: the default target a chat chose with {@code /use}. */
public final class ChatSettings {
    private final TargetDatabase database;

    public ChatSettings(StateDatabase state) {
        this.database = state.database();
    }

    public Optional<String> defaultTarget(long chatId) {
        return database.withHandle("reading the chat's settings", h -> h.createQuery(
                        "SELECT default_target FROM migrabot_chat WHERE chat_id = :chat")
                .bind("chat", chatId).mapTo(String.class).findOne());
    }

    public void useTarget(long chatId, String target) {
        database.withHandle("saving the chat's default target", h -> h.createUpdate(
                        "INSERT INTO migrabot_chat (chat_id, default_target) VALUES (:chat, :target) "
                                + "ON CONFLICT (chat_id) DO UPDATE SET default_target = :target, updated_at = now()")
                .bind("chat", chatId).bind("target", target).execute());
    }
}
