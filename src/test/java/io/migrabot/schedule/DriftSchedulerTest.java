package io.migrabot.schedule;

import io.migrabot.state.StateDatabase;
import io.migrabot.testing.Postgres;
import io.migrabot.testing.Targets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Quartz as the bot uses it, on a real state database: clustered instances, a restart after missed slots, the
 * schedule re-registered from the configuration, and closing.
 */
class DriftSchedulerTest {
    private static final Duration SHORT_MISFIRE = Duration.ofSeconds(1);

    /** One check as run: by which instance, for which target, for which slot. */
    record Run(String instance, String target, Instant slot) {
    }

    private Postgres.Database db;
    private StateDatabase state;
    private final List<Run> runs = new CopyOnWriteArrayList<>();
    private final List<DriftScheduler> schedulers = new ArrayList<>();

    @BeforeEach
    void open() {
        db = Postgres.create("schedule");
        state = StateDatabase.open(Targets.config(db).connection(), "test");
    }

    @AfterEach
    void close() {
        schedulers.forEach(s -> s.close(Duration.ZERO));
        state.close();
        db.close();
    }

    private DriftScheduler scheduler(String instance) {
        DriftScheduler scheduler = DriftScheduler.create(state, instance, SHORT_MISFIRE);
        schedulers.add(scheduler);
        return scheduler;
    }

    private DriftScheduler.Check recording(String instance) {
        return (target, slot) -> runs.add(new Run(instance, target, slot));
    }

    /** A cron that fires at exactly these seconds (and otherwise only a minute or more away from them). */
    private static String cronAt(List<ZonedDateTime> slots) {
        return field(slots, ZonedDateTime::getSecond) + " " + field(slots, ZonedDateTime::getMinute) + " "
                + field(slots, ZonedDateTime::getHour) + " * * ?";
    }

    private static String field(List<ZonedDateTime> slots, java.util.function.ToIntFunction<ZonedDateTime> part) {
        return slots.stream().map(part::applyAsInt).collect(Collectors.toCollection(TreeSet::new)).stream()
                .map(String::valueOf).collect(Collectors.joining(","));
    }

    private static void sleepUntil(Instant when) throws InterruptedException {
        long millis = Duration.between(Instant.now(), when).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    @Test
    void aCheckMissedInSeveralSlotsWhileStoppedRunsOnceAfterTheRestart() throws InterruptedException {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        List<ZonedDateTime> slots = List.of(now.plusSeconds(2), now.plusSeconds(3), now.plusSeconds(4));
        Map<String, String> schedule = Map.of("shop", cronAt(slots));
        DriftScheduler first = scheduler("a");
        first.start(schedule, recording("first"));
        first.close(Duration.ZERO);
        assertThat(runs).as("stopped before its first slot").isEmpty();

        sleepUntil(slots.get(2).toInstant().plusMillis(2500));
        Instant restart = Instant.now();
        scheduler("a").start(schedule, recording("again"));
        sleepUntil(restart.plusSeconds(3));

        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).instance()).isEqualTo("again");
        assertThat(runs.get(0).slot()).as("fired once, now, not for a missed slot").isAfterOrEqualTo(
                restart.truncatedTo(ChronoUnit.SECONDS));
    }

    @Test
    void twoInstancesOnOneStateDatabaseRunEachSlotOnce() throws InterruptedException {
        Map<String, String> everySecond = Map.of("shop", "* * * * * ?", "stage", "* * * * * ?");
        scheduler("one").start(everySecond, recording("one"));
        scheduler("two").start(everySecond, recording("two"));
        Thread.sleep(4500);
        schedulers.forEach(s -> s.close(Duration.ofSeconds(5)));

        for (String target : everySecond.keySet()) {
            List<Instant> slots = runs.stream().filter(r -> r.target().equals(target)).map(Run::slot).toList();
            assertThat(slots).as(target + ": runs per slot").doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void thePruningRunsOncePerSlotAcrossInstancesBesideTheChecks() throws InterruptedException {
        List<String> prunes = new CopyOnWriteArrayList<>();
        for (String instance : List.of("one", "two")) {
            DriftScheduler scheduler = scheduler(instance);
            scheduler.schedulePruning("* * * * * ?", () -> prunes.add(instance));
            scheduler.start(Map.of("shop", "* * * * * ?"), recording(instance));
        }
        Thread.sleep(4500);
        schedulers.forEach(s -> s.close(Duration.ofSeconds(5)));

        assertThat(prunes).as("one pruning per second between both instances").hasSizeBetween(3, 6);
        assertThat(runs.stream().map(Run::target)).containsOnly("shop").hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void startingAgainKeepsUnchangedTriggersAndDropsTargetsNoLongerConfigured() {
        DriftScheduler first = scheduler("a");
        first.start(Map.of("shop", "0 0 3 * * ?", "stage", "0 0 4 * * ?"), recording("a"));
        first.close(Duration.ZERO);
        long shopCreated = startTime("shop");

        DriftScheduler again = scheduler("a");
        again.start(Map.of("shop", "0 0 3 * * ?", "billing", "0 30 * * * ?"), recording("a"));

        assertThat(startTime("shop")).as("the same trigger").isEqualTo(shopCreated);
        assertThat(again.nextCheck("stage")).isEmpty();
        Instant next = again.nextCheck("billing").orElseThrow();
        assertThat(next.atZone(ZoneOffset.UTC).getMinute()).isEqualTo(30);
        assertThat(again.nextCheck("shop").orElseThrow().atZone(ZoneOffset.UTC).getHour()).isEqualTo(3);
        assertThat(scheduler("console").nextCheck("shop")).as("a scheduler never started reads the same store")
                .isEqualTo(again.nextCheck("shop"));
    }

    private long startTime(String target) {
        return state.database().withHandle("reading", h -> h.createQuery(
                "SELECT start_time FROM qrtz_triggers WHERE trigger_name = :t").bind("t", target)
                .mapTo(Long.class).one());
    }

    @Test
    void closingWaitsForARunningCheckUpToTheLimitAndLeavesNoThreadThatKeepsTheProcessAlive() throws Exception {
        Set<Thread> before = nonDaemonThreads();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        DriftScheduler scheduler = scheduler("a");
        scheduler.start(Map.of("shop", "* * * * * ?"), (target, slot) -> {
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(nonDaemonThreads()).as("threads started by the scheduler").isSubsetOf(before);

        long started = System.nanoTime();
        scheduler.close(Duration.ofMillis(700));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).isBetween(Duration.ofMillis(650), Duration.ofSeconds(5));
        release.countDown();
        assertThat(nonDaemonThreads()).isSubsetOf(before);
    }

    @Test
    void closingLetsAShortCheckFinish() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        List<String> finished = new CopyOnWriteArrayList<>();
        DriftScheduler scheduler = scheduler("a");
        scheduler.start(Map.of("shop", "* * * * * ?"), (target, slot) -> {
            entered.countDown();
            try {
                Thread.sleep(500);
                finished.add(target);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        scheduler.close(Duration.ofSeconds(10));
        assertThat(finished).contains("shop");
    }

    private static Set<Thread> nonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).filter(t -> !t.isDaemon())
                .collect(Collectors.toSet());
    }
}
