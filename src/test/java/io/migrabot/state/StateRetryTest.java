package io.migrabot.state;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StateRetryTest {
    private static final MigrabotException AWAY = new MigrabotException(ErrorCode.DATABASE_UNREACHABLE,
            "the state database cannot be reached");

    @Test
    void aWriteIsTriedAgainWhileTheDatabaseCannotBeReached() {
        AtomicInteger attempts = new AtomicInteger();
        StateRetry.write("a row", () -> {
            if (attempts.incrementAndGet() < 3) {
                throw AWAY;
            }
        }, () -> false);
        assertThat(attempts).hasValue(3);
    }

    @Test
    void anyOtherFailureIsNotTriedAgain() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> StateRetry.write("a row", () -> {
            attempts.incrementAndGet();
            throw new MigrabotException(ErrorCode.DATABASE, "duplicate key");
        }, () -> false)).hasMessage("duplicate key");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aCallerThatGivesUpGetsTheLastFailure() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> StateRetry.write("a row", () -> {
            attempts.incrementAndGet();
            throw AWAY;
        }, () -> attempts.get() >= 2)).isSameAs(AWAY);
        assertThat(attempts).hasValue(2);
    }
}
