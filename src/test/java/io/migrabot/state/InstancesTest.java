package io.migrabot.state;

import io.migrabot.testing.Postgres;
import io.migrabot.testing.Targets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Instances sharing one state database: who is alive is who holds its presence lock, so the work of an instance
 * that died (inbox claims, running operations) is taken over at once, and that of a live one never is.
 */
class InstancesTest {
    private static final long POLLER = 42;
    private Postgres.Database db;
    private StateDatabase state;
    private final List<Presence> presences = new ArrayList<>();

    @BeforeEach
    void database() {
        db = Postgres.create("instances");
        state = StateDatabase.open(Targets.config(db).connection(), "test");
    }

    @AfterEach
    void drop() {
        presences.forEach(Presence::close);
        state.close();
        db.close();
    }

    private Presence register(String name) {
        Presence presence = Presence.register(state, name);
        presences.add(presence);
        return presence;
    }

    /**
     * An instance that dies without a word: its session ends, as when the process is killed. Returns once the
     * server has released its locks, a moment after {@code pg_terminate_backend} returns.
     */
    private void die(Presence presence) {
        presences.remove(presence);
        state.database().withHandle("killing", h -> h.createQuery("SELECT pg_terminate_backend(pid) "
                + "FROM pg_stat_activity WHERE application_name = :name").bind("name", "migrabot: instance "
                + presence.id()).mapTo(Boolean.class).list());
        awaitTrue(() -> !state.database().withHandle("asking", h -> h.createQuery("SELECT CAST(:id AS text) IN ("
                + Presence.living() + ")").bind("id", presence.id()).mapTo(Boolean.class).one()));
    }

    @Test
    void instancesWithTheSameNameAreToldApart() {
        Presence a = register("host");
        Presence b = register("host");
        assertThat(a.id()).startsWith("host#").isNotEqualTo(b.id());
    }

    @Test
    void exactlyOneInstanceLeadsAndAnotherTakesOverWhenItResignsOrDies() {
        Presence a = register("a");
        Presence b = register("b");
        Presence c = register("c");
        assertThat(a.tryLead()).isTrue();
        assertThat(a.tryLead()).as("leading already").isTrue();
        assertThat(b.tryLead()).isFalse();

        a.resign();
        assertThat(b.tryLead()).isTrue();
        assertThat(c.tryLead()).isFalse();

        die(b);
        assertThat(b.alive()).isFalse();
        assertThat(c.tryLead()).isTrue();
        assertThat(leaders()).as("b's row is left until forgotten").containsExactlyInAnyOrder(b.id(), c.id());
    }

    @Test
    void eachUpdateIsRecordedOnceAndClaimedByOneLiveInstanceOnly() {
        Inbox inbox = new Inbox(state, POLLER);
        assertThat(inbox.record(10, "{\"update_id\": 10}")).isTrue();
        assertThat(inbox.record(10, "{\"update_id\": 10}")).isFalse();
        assertThat(inbox.record(11, "{\"update_id\": 11}")).isTrue();

        List<Long> claimed = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> claimers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String instance = register("i" + i).id();
            claimers.add(CompletableFuture.runAsync(() -> inbox.claimNext(instance)
                    .ifPresent(e -> claimed.add(e.updateId()))));
        }
        claimers.forEach(CompletableFuture::join);
        assertThat(claimed).containsExactlyInAnyOrder(10L, 11L);
        assertThat(inbox.claimNext(register("late").id())).isEmpty();
    }

    /**
     * Workers woken together by each new update race for it: a claim that saw an update as new and finds it
     * claimed meanwhile leaves it to its live claimer (with the liveness test correlated to the row, one claim in
     * a few thousand took it as well).
     */
    @Test
    void workersRacingForUpdatesAsTheyArriveNeverTakeTheSameOneTwice() throws InterruptedException {
        Inbox inbox = new Inbox(state, POLLER);
        String instance = register("racing").id();
        int updates = 1_500;
        List<Long> claimed = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean storing = new AtomicBoolean(true);
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread worker = new Thread(() -> {
                while (true) {
                    boolean more = storing.get();
                    Optional<Inbox.Entry> entry = inbox.claimNext(instance);
                    if (entry.isEmpty() && !more) {
                        return;
                    }
                    entry.ifPresent(e -> {
                        claimed.add(e.delivery());
                        inbox.done(e.delivery());
                    });
                }
            });
            workers.add(worker);
            worker.start();
        }
        for (int id = 1; id <= updates; id++) {
            inbox.record(id, "{}");
        }
        storing.set(false);
        for (Thread worker : workers) {
            worker.join();
        }
        assertThat(claimed).hasSize(updates).doesNotHaveDuplicates();
    }

    @Test
    void anUpdateClaimedByAnInstanceThatDiedIsTakenOverAtOnceAndByNoOtherWhileItLives() {
        Inbox inbox = new Inbox(state, POLLER);
        Presence dying = register("dying");
        Presence busy = register("busy");
        Presence other = register("other");
        inbox.record(20, "{}");
        inbox.record(21, "{}");
        assertThat(inbox.claimNext(dying.id())).map(Inbox.Entry::updateId).contains(20L);
        assertThat(inbox.claimNext(busy.id())).map(Inbox.Entry::updateId).contains(21L);
        assertThat(inbox.claimNext(other.id())).isEmpty();

        die(dying);
        Inbox.Entry taken = inbox.claimNext(other.id()).orElseThrow();
        assertThat(taken.updateId()).isEqualTo(20L);
        inbox.done(taken.delivery());
        assertThat(inbox.claimNext(other.id())).as("21's claimer lives").isEmpty();

        busy.close();
        presences.remove(busy);
        assertThat(inbox.claimNext(other.id())).map(Inbox.Entry::updateId).contains(21L);
    }

    @Test
    void operationsOfAnInstanceThatDiedAreCutOffOnceAndThoseOfLiveOnesNever() {
        Presence dying = register("dying");
        Presence living = register("living");
        Journal dyingJournal = new Journal(state, dying.id());
        Journal livingJournal = new Journal(state, living.id());
        long lost = dyingJournal.start("shop", "upgrade", "head", 1, 2, 100L).orElseThrow();
        livingJournal.start("shop", "downgrade", "-1", 1, 2, 101L).orElseThrow();
        assertThat(livingJournal.cutOffElsewhere()).isEmpty();

        die(dying);
        List<List<Journal.Entry>> reports = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> lookers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Journal journal = new Journal(state, register("looker" + i).id());
            lookers.add(CompletableFuture.runAsync(() -> reports.add(journal.cutOffElsewhere())));
        }
        lookers.forEach(CompletableFuture::join);
        assertThat(reports.stream().flatMap(List::stream).map(Journal.Entry::id)).containsExactly(lost);

        assertThat(livingJournal.cutOffHere("stopped by a test")).extracting(Journal.Entry::operation,
                Journal.Entry::detail).containsExactly(org.assertj.core.groups.Tuple.tuple("downgrade",
                "stopped by a test"));
    }

    @Test
    void anInstanceThatLostItsSessionClaimsNothingUntilItRegistersAgainThenRecordsTheOutcomeItSaw() {
        Inbox inbox = new Inbox(state, POLLER);
        Presence lost = register("lost");
        Presence other = register("other");
        Journal lostJournal = new Journal(state, lost.id());
        long running = lostJournal.start("shop", "upgrade", "head", 1, 2, 100L).orElseThrow();
        inbox.record(30, "{}");

        die(lost);
        presences.add(lost);
        assertThat(inbox.claimNext(lost.id())).as("an unregistered instance's claim would look dead").isEmpty();
        assertThat(new Journal(state, other.id()).cutOffElsewhere()).extracting(Journal.Entry::id)
                .containsExactly(running);
        assertThat(other.forgetDead()).isEqualTo(1);

        assertThat(lost.reconnect()).isTrue();
        assertThat(lost.alive()).isTrue();
        assertThat(instances()).containsExactly(lost.id(), other.id());
        assertThat(inbox.claimNext(lost.id())).map(Inbox.Entry::updateId).contains(30L);
        lostJournal.finish(running, Journal.End.DONE, "upgraded to r3");
        String recorded = state.database().withHandle("reading", h -> h.createQuery("SELECT state || ': ' || "
                + "detail FROM migrabot_journal WHERE id = :id").bind("id", running).mapTo(String.class).one());
        assertThat(recorded).isEqualTo("done: upgraded to r3");
    }

    @Test
    void theRowsOfInstancesThatDiedAreForgotten() {
        Presence dying = register("dying");
        Presence living = register("living");
        die(dying);
        assertThat(living.forgetDead()).isEqualTo(1);
        assertThat(instances()).containsExactly(living.id());
    }

    private List<String> instances() {
        return state.database().withHandle("listing", h -> h.createQuery("SELECT id FROM migrabot_instance "
                + "ORDER BY seq").mapTo(String.class).list());
    }

    private List<String> leaders() {
        return state.database().withHandle("listing", h -> h.createQuery("SELECT id FROM migrabot_instance "
                + "WHERE leading_since IS NOT NULL").mapTo(String.class).list());
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("the condition holds within 10 s").isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
