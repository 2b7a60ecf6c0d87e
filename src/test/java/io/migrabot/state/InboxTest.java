package io.migrabot.state;

import io.migrabot.testing.Postgres;
import io.migrabot.testing.Targets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Telegram's update ids repeat (at random after a week without updates, from the start with another bot token):
 * the inbox treats an id as a redelivery only when the same poller stored it within the redelivery window.
 */
class InboxTest {
    private static final long POLLER = 7;
    private static final long OTHER_POLLER = 8;
    private Postgres.Database db;
    private StateDatabase state;
    private Presence presence;

    @BeforeEach
    void database() {
        db = Postgres.create("inbox");
        state = StateDatabase.open(Targets.config(db).connection(), "test");
        presence = Presence.register(state, "inbox-test");
    }

    @AfterEach
    void drop() {
        presence.close();
        state.close();
        db.close();
    }

    @Test
    void anIdStoredAgainWithinTheWindowByTheSamePollerIsARedelivery() {
        Inbox inbox = new Inbox(state, POLLER);
        assertThat(store(inbox, 10, "{}")).isTrue();
        assertThat(store(inbox, 10, "{}")).isFalse();
        handleAll(inbox);
        assertThat(store(inbox, 10, "{}")).as("handled already, still within the window").isFalse();
    }

    @Test
    void aPollsUpdatesAreStoredTogetherAndItsRedeliveriesAreNot() {
        Inbox inbox = new Inbox(state, POLLER);
        assertThat(inbox.record(List.of(new Inbox.Incoming(10, "{}"), new Inbox.Incoming(11, "{}"),
                new Inbox.Incoming(10, "{}")))).isEqualTo(2);
        assertThat(inbox.record(List.of(new Inbox.Incoming(11, "{}"), new Inbox.Incoming(12, "{}")))).isEqualTo(1);
        assertThat(handleAll(inbox)).extracting(Inbox.Entry::updateId).containsExactly(10L, 11L, 12L);
    }

    @Test
    void anIdSeenLongerAgoThanTheWindowIsANewUpdate() {
        Inbox inbox = new Inbox(state, POLLER);
        store(inbox, 10, "{\"n\": 1}");
        store(inbox, 11, "{\"n\": 1}");
        handleAll(inbox);
        age(Inbox.REDELIVERY_WINDOW.toHours() + 1);

        assertThat(store(inbox, 10, "{\"n\": 2}")).isTrue();
        assertThat(store(inbox, 11, "{\"n\": 2}")).isTrue();
        assertThat(handleAll(inbox)).extracting(Inbox.Entry::payload)
                .containsExactly("{\"n\": 2}", "{\"n\": 2}");
    }

    @Test
    void anIdStoredByAnotherBotTokenIsANewUpdate() {
        store(new Inbox(state, OTHER_POLLER), 10, "{\"bot\": \"old\"}");
        Inbox inbox = new Inbox(state, POLLER);
        assertThat(store(inbox, 10, "{\"bot\": \"new\"}")).isTrue();
        assertThat(store(inbox, 10, "{\"bot\": \"new\"}")).isFalse();
    }

    @Test
    void eachDeliveryHasItsOwnNumberInTheOrderStored() {
        Inbox inbox = new Inbox(state, POLLER);
        store(inbox, 900, "{}");
        age(48);
        store(inbox, 5, "{}");
        store(inbox, 900, "{}");
        List<Inbox.Entry> handled = handleAll(inbox);
        assertThat(handled).extracting(Inbox.Entry::updateId).containsExactly(900L, 5L, 900L);
        assertThat(handled).extracting(Inbox.Entry::delivery).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void aDeliveryStartsItsOperationOnceAndAnotherWithTheSameTelegramIdStartsItsOwn() {
        Inbox inbox = new Inbox(state, POLLER);
        Journal journal = new Journal(state, presence.id());
        store(inbox, 10, "{}");
        age(48);
        store(inbox, 10, "{}");
        List<Inbox.Entry> handled = handleAll(inbox);
        long first = handled.get(0).delivery();
        long second = handled.get(1).delivery();

        assertThat(journal.start("shop", "upgrade", "head", 1, 1, first)).isPresent();
        assertThat(journal.start("shop", "upgrade", "head", 1, 1, first)).as("the same delivery again").isEmpty();
        assertThat(journal.start("shop", "upgrade", "head", 1, 1, second)).isPresent();
    }

    private List<Inbox.Entry> handleAll(Inbox inbox) {
        List<Inbox.Entry> handled = new ArrayList<>();
        Optional<Inbox.Entry> next;
        while ((next = inbox.claimNext(presence.id())).isPresent()) {
            handled.add(next.get());
            inbox.done(next.get().delivery());
        }
        return handled;
    }

    /** Makes everything stored so far {@code hours} older. */
    private void age(long hours) {
        state.database().withHandle("ageing", h -> h.createUpdate("UPDATE migrabot_inbox SET received_at = "
                + "received_at - make_interval(hours => :hours)").bind("hours", (int) hours).execute());
    }

    /** Stores one update as a poll of its own; true when it was new. */
    static boolean store(Inbox inbox, long updateId, String json) {
        return inbox.record(List.of(new Inbox.Incoming(updateId, json))) == 1;
    }
}
