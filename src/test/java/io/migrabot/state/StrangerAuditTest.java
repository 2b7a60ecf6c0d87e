package io.migrabot.state;

import io.migrabot.testing.Postgres;
import io.migrabot.testing.Targets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A flood of strangers takes one audit row per stranger per minute, counting their messages. */
class StrangerAuditTest {
    private Postgres.Database db;
    private StateDatabase state;

    @BeforeEach
    void database() {
        db = Postgres.create("strangers");
        state = StateDatabase.open(Targets.config(db).connection(), "test");
    }

    @AfterEach
    void drop() {
        state.close();
        db.close();
    }

    @Test
    void aThousandMessagesFromTenStrangersInAMinuteTakeTenRowsAndOnlyTheFirstOfEachIsAnswered() {
        Audit audit = new Audit(state);
        List<Boolean> first = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            first.add(audit.stranger(500 + i % 10, "s" + i % 10, 500 + i % 10, "/start"));
        }
        assertThat(first.subList(0, 10)).containsOnly(true);
        assertThat(first.subList(10, first.size())).containsOnly(false);
        List<String> rows = state.database().withHandle("reading", h -> h.createQuery("SELECT user_id || ':' || "
                + "repeats FROM migrabot_audit ORDER BY user_id").mapTo(String.class).list());
        assertThat(rows).hasSize(10).allSatisfy(row -> assertThat(row).endsWith(":100"));
        assertThat(audit.latest(1)).singleElement().satisfies(e -> assertThat(e.outcome())
                .isEqualTo("stranger (100 messages that minute)"));
    }

    @Test
    void countsGatheredInMemoryAddUpInTheStrangersRowOfThatMinute() {
        Audit audit = new Audit(state);
        java.time.Instant minute = java.time.Instant.parse("2026-12-03T10:15:00Z");
        Audit.StrangerKey key = new Audit.StrangerKey(500, minute);
        audit.strangers(List.of(new Audit.Strangers(key, "s", 500L, "/start", 40)));
        audit.strangers(List.of(new Audit.Strangers(key, "s", 500L, "/start", 2),
                new Audit.Strangers(new Audit.StrangerKey(501, minute), "t", 501L, "/help", 1)));
        List<String> rows = state.database().withHandle("reading", h -> h.createQuery("SELECT user_id || ':' || "
                + "repeats FROM migrabot_audit ORDER BY user_id").mapTo(String.class).list());
        assertThat(rows).containsExactly("500:42", "501:1");
    }

    @Test
    void strangersBeyondThoseCountedOneByOneShareOneRowPerMinute() {
        Audit audit = new Audit(state);
        Audit.StrangerKey others = new Audit.StrangerKey(Audit.OTHERS, java.time.Instant.parse("2026-12-03T10:15:00Z"));
        audit.strangers(List.of(new Audit.Strangers(others, "others", null, "(any)", 9000)));
        audit.strangers(List.of(new Audit.Strangers(others, "others", null, "(any)", 1000)));
        assertThat(audit.latest(10)).singleElement().satisfies(e -> {
            assertThat(e.userId()).isEqualTo(Audit.OTHERS);
            assertThat(e.outcome()).isEqualTo("stranger (10000 messages that minute)");
        });
    }

    @Test
    void theSameStrangerNextMinuteGetsANewRow() {
        Audit audit = new Audit(state);
        audit.stranger(500, "s", 500, "/start");
        state.database().withHandle("ageing", h -> h.execute("UPDATE migrabot_audit SET minute = minute - interval "
                + "'1 minute', at = at - interval '1 minute'"));
        assertThat(audit.stranger(500, "s", 500, "/start")).isTrue();
    }
}
