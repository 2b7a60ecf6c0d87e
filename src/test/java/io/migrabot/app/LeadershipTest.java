package io.migrabot.app;

import io.migrabot.state.Presence;
import io.migrabot.state.StateDatabase;
import io.migrabot.testing.FaultProxy;
import io.migrabot.testing.Postgres;
import io.migrabot.testing.Targets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Leadership among instances in one JVM, each with its own presence on a real state database. */
class LeadershipTest {
    private static final Duration TICK = Duration.ofMillis(100);

    private Postgres.Database db;
    private StateDatabase state;
    private final List<String> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void database() {
        db = Postgres.create("leadership");
        state = StateDatabase.open(Targets.config(db).connection(), "test");
    }

    @AfterEach
    void drop() {
        state.close();
        db.close();
    }

    private Leadership.Role role(String name) {
        return new Leadership.Role() {
            @Override
            public void lead() {
                events.add(name + " leads");
            }

            @Override
            public void follow() {
                events.add(name + " follows");
            }
        };
    }

    @Test
    void theFirstLeadsAtOnceAndAStandbyTakesOverWhenItCloses() throws Exception {
        try (Presence a = Presence.register(state, "a"); Presence b = Presence.register(state, "b")) {
            Leadership first = new Leadership(a, role("a"), Optional.empty(), () -> events.add("a lost"));
            first.start(TICK);
            assertThat(events).containsExactly("a leads");
            Leadership second = new Leadership(b, role("b"), Optional.empty(), () -> events.add("b lost"));
            second.start(TICK);
            Thread.sleep(5 * TICK.toMillis());
            assertThat(events).containsExactly("a leads");

            first.close();
            awaitEvent("b leads");
            assertThat(events).containsExactly("a leads", "a follows", "b leads");
            assertThat(second.leading()).isTrue();
            second.close();
        }
    }

    @Test
    void aLeaderWhoseSessionIsLostStopsLeadingRegistersAgainUnderItsIdAndLeadsAgain() throws Exception {
        try (Presence a = Presence.register(state, "a")) {
            Leadership leadership = new Leadership(a, role("a"), Optional.empty(), () -> events.add("a lost"));
            leadership.start(TICK);
            terminate(state, a);
            awaitEvent("a follows");
            awaitCount("a leads", 2);
            assertThat(events).containsExactly("a leads", "a follows", "a leads");
            assertThat(leadership.leading()).isTrue();
            assertThat(leadership.outage()).isEmpty();
            assertThat(a.alive()).isTrue();
            int rows = state.database().withHandle("reading", h -> h.createQuery("SELECT count(*) FROM "
                    + "migrabot_instance WHERE id = :id AND leading_since IS NOT NULL").bind("id", a.id())
                    .mapTo(Integer.class).one());
            assertThat(rows).as("its row, under its own id, says it leads").isEqualTo(1);
            leadership.close();
        }
    }

    @Test
    void anInstanceCutOffFromTheStateDatabaseStandsByWhenAnotherTookOverMeanwhile() throws Exception {
        try (FaultProxy proxy = FaultProxy.before(db);
             StateDatabase viaProxy = StateDatabase.open(Targets.config("state", proxy.url(db), db.user(), "")
                     .connection(), "test");
             Presence a = Presence.register(viaProxy, "a"); Presence b = Presence.register(state, "b")) {
            Leadership first = new Leadership(a, role("a"), Optional.empty(), () -> events.add("a lost"));
            first.start(TICK);
            Leadership second = new Leadership(b, role("b"), Optional.empty(), () -> events.add("b lost"));
            second.start(TICK);
            proxy.refuse();
            proxy.cut();
            awaitEvent("b leads");
            assertThat(first.outage()).isPresent();
            proxy.heal();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (first.outage().isPresent()) {
                assertThat(System.nanoTime()).as("a registers again").isLessThan(deadline);
                Thread.sleep(20);
            }
            Thread.sleep(5 * TICK.toMillis());
            assertThat(events).containsExactly("a leads", "a follows", "b leads");
            assertThat(first.leading()).isFalse();
            second.close();
            awaitCount("a leads", 2);
            first.close();
        }
    }

    @Test
    void anOutageLongerThanTheLimitEndsTheInstance() throws Exception {
        try (FaultProxy proxy = FaultProxy.before(db);
             StateDatabase viaProxy = StateDatabase.open(Targets.config("state", proxy.url(db), db.user(), "")
                     .connection(), "test");
             Presence a = Presence.register(viaProxy, "a")) {
            CountDownLatch lost = new CountDownLatch(1);
            Leadership leadership = new Leadership(a, role("a"), Optional.of(Duration.ofSeconds(2)),
                    lost::countDown);
            leadership.start(TICK);
            proxy.refuse();
            proxy.cut();
            assertThat(lost.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(events).containsExactly("a leads", "a follows");
            assertThat(leadership.leading()).isFalse();
            leadership.close();
        }
    }

    private static void terminate(StateDatabase state, Presence presence) {
        state.database().withHandle("killing", h -> h.createQuery("SELECT pg_terminate_backend(pid) FROM "
                        + "pg_stat_activity WHERE application_name = :name")
                .bind("name", "migrabot: instance " + presence.id()).mapTo(Boolean.class).list());
    }

    @Test
    void aLeadThatFailsAtTheStartFailsTheStartAndLeavesTheLeadershipFree() {
        try (Presence a = Presence.register(state, "a"); Presence b = Presence.register(state, "b")) {
            Leadership failing = new Leadership(a, new Leadership.Role() {
                @Override
                public void lead() {
                    throw new IllegalStateException("Telegram refused the token");
                }

                @Override
                public void follow() {
                }
            }, Optional.empty(), () -> { });
            assertThatThrownBy(() -> failing.start(TICK)).hasMessageContaining("refused the token");
            failing.close();
            assertThat(b.tryLead()).isTrue();
        }
    }

    private void awaitCount(String event, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (events.stream().filter(event::equals).count() < count) {
            assertThat(System.nanoTime()).as("%s %d times within 20 s; events %s", event, count, events)
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private void awaitEvent(String event) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!events.contains(event)) {
            assertThat(System.nanoTime()).as("%s within 10 s; events %s", event, events).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
