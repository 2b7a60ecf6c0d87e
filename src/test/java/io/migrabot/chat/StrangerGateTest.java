package io.migrabot.chat;

import io.migrabot.state.Audit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Strangers' messages are counted in memory and written to the audit log in batches: a batch the audit log refuses
 * is not lost, and a flood from more strangers than memory is given to is still counted, together.
 */
class StrangerGateTest {
    private static final long ADMIN = 1;
    private final MovingClock clock = new MovingClock(Instant.parse("2026-12-03T10:15:20Z"));
    private final AuditLog audit = new AuditLog();
    private final StrangerGate gate = new StrangerGate(id -> id == ADMIN, audit::write, new RecordingSender(),
            clock);

    @AfterEach
    void close() {
        gate.close();
    }

    @Test
    void countsTheAuditLogDidNotTakeAreWrittenByALaterFlushEvenAfterTheirMinute() {
        audit.failing = true;
        for (int i = 0; i < 5; i++) {
            gate.offer(message(900));
        }
        gate.offer(message(901));
        gate.flush();
        clock.advance(Duration.ofMinutes(1));
        gate.offer(message(901));
        gate.flush();
        assertThat(audit.messagesByUser()).isEmpty();

        audit.failing = false;
        gate.flush();
        assertThat(audit.messagesByUser()).containsExactlyInAnyOrderEntriesOf(Map.of(900L, 5, 901L, 2));
        gate.flush();
        assertThat(audit.messagesByUser()).as("written once").containsExactlyInAnyOrderEntriesOf(
                Map.of(900L, 5, 901L, 2));
    }

    @Test
    void aHundredThousandStrangersInAMinuteAreCountedInBoundedSpace() {
        for (long user = 100_001; user <= 200_000; user++) {
            gate.offer(message(user));
        }
        gate.offer(message(100_001));
        gate.flush();
        Map<Long, Integer> written = audit.messagesByUser();
        assertThat(written).hasSize(StrangerGate.MAX_TALLIES + 1)
                .containsEntry(100_001L, 2)
                .containsEntry(Audit.OTHERS, 100_000 - StrangerGate.MAX_TALLIES);
        assertThat(written.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(100_001);

        clock.advance(Duration.ofMinutes(1));
        gate.flush();
        gate.offer(message(300_000));
        gate.flush();
        assertThat(audit.messagesByUser()).as("last minute's strangers were forgotten once written")
                .containsEntry(300_000L, 1);
    }

    @Test
    void aConfiguredUserIsLeftToTheInbox() {
        assertThat(gate.offer(message(ADMIN))).isFalse();
        assertThat(gate.offer(message(900))).isTrue();
    }

    private static IncomingUpdate message(long user) {
        return new IncomingUpdate(user, user, user, "u" + user, ChatKind.PRIVATE, "/start", null, null, 1);
    }

    /** The audit log as the gate sees it: takes batches, or refuses them all as a state database away would. */
    private static final class AuditLog {
        private final List<Audit.Strangers> rows = new ArrayList<>();
        volatile boolean failing;

        synchronized void write(List<Audit.Strangers> batch) {
            if (failing) {
                throw new IllegalStateException("the state database is away");
            }
            rows.addAll(batch);
        }

        synchronized Map<Long, Integer> messagesByUser() {
            Map<Long, Integer> sums = new TreeMap<>();
            rows.forEach(row -> sums.merge(row.key().userId(), row.messages(), Integer::sum));
            return sums;
        }
    }

    /** A clock the test moves; the gate's own flushes read it from their thread. */
    private static final class MovingClock extends Clock {
        private volatile Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
