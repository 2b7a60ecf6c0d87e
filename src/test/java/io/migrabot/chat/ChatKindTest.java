package io.migrabot.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChatKindTest {
    @Test
    void telegramCannotNameTheConsoleNorAKindMigrabotDoesNotKnow() {
        assertThat(ChatKind.telegram("private")).isEqualTo(ChatKind.PRIVATE);
        assertThat(ChatKind.telegram("supergroup")).isEqualTo(ChatKind.SUPERGROUP);
        assertThat(ChatKind.telegram("console")).isEqualTo(ChatKind.OTHER);
        assertThat(ChatKind.telegram("business")).isEqualTo(ChatKind.OTHER);
        assertThat(ChatKind.telegram(null)).isEqualTo(ChatKind.OTHER);
    }

    @Test
    void anUpdateKeepsTelegramsKeyInTheInboxAndReadsBackUpdatesStoredBefore() throws Exception {
        ObjectMapper json = new ObjectMapper();
        IncomingUpdate update = new IncomingUpdate(1, 2, 2, "alice", ChatKind.PRIVATE, "/heads", null, null, 3);
        String stored = json.writeValueAsString(update);
        assertThat(stored).contains("\"chatType\":\"private\"");
        assertThat(json.readValue(stored, IncomingUpdate.class)).isEqualTo(update);
        assertThat(json.readValue(stored.replace("\"private\"", "\"supergroup\""), IncomingUpdate.class).chatType())
                .isEqualTo(ChatKind.SUPERGROUP);
    }
}
