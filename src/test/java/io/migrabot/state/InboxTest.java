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
        assertThat(inbox.record(10, "{}")).isTrue();
        assertThat(inbox.record(10, "{}")).isFalse();
        handleAll(inbox);
        assertThat(inbox.record(10, "{}")).as("handled already, still within the window").isFalse();
    }

    @Test
    void anIdSeenLongerAgoThanTheWindowIsANewUpdate() {
        Inbox inbox = new Inbox(state, POLLER);
        inbox.record(10, "{\"n\": 1}");
        inbox.record(11, "{\"n\": 1}");
        handleAll(inbox);
        age(Inbox.REDELIVERY_WINDOW.toHours() + 1);

        assertThat(inbox.record(10, "{\"n\": 2}")).isTrue();
        assertThat(inbox.record(11, "{\"n\": 2}")).isTrue();
        assertThat(handleAll(inbox)).extracting(Inbox.Entry::payload)
                .containsExactly("{\"n\": 2}", "{\"n\": 2}");
    }

    @Test
    void anIdStoredByAnotherBotTokenIsANewUpdate() {
        new Inbox(state, OTHER_POLLER).record(10, "{\"bot\": \"old\"}");
        Inbox inbox = new Inbox(state, POLLER);
        assertThat(inbox.record(10, "{\"bot\": \"new\"}")).isTrue();
        assertThat(inbox.record(10, "{\"bot\": \"new\"}")).isFalse();
    }

    @Test
    void eachDeliveryHasItsOwnNumberInTheOrderStored() {
        Inbox inbox = new Inbox(state, POLLER);
        inbox.record(900, "{}");
        age(48);
        inbox.record(5, "{}");
        inbox.record(900, "{}");
        List<Inbox.Entry> handled = handleAll(inbox);
        assertThat(handled).extracting(Inbox.Entry::updateId).containsExactly(900L, 5L, 900L);
        assertThat(handled).extracting(Inbox.Entry::delivery).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void aDeliveryStartsItsOperationOnceAndAnotherWithTheSameTelegramIdStartsItsOwn() {
        Inbox inbox = new Inbox(state, POLLER);
        Journal journal = new Journal(state, presence.id());
        inbox.record(10, "{}");
        age(48);
        inbox.record(10, "{}");
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
}
