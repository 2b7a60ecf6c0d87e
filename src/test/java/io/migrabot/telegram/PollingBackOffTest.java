package io.migrabot.telegram;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The poller's waits after failures, without a server: {@code retry_after} exactly, otherwise capped growth. */
class PollingBackOffTest {
    private final PollingBackOff backOff = new PollingBackOff();
    private LogCapture logs;

    @BeforeEach
    void captureLogs() {
        logs = new LogCapture();
    }

    @AfterEach
    void restoreLogs() {
        logs.close();
    }

    @Test
    void retryAfterIsWaitedExactly() {
        backOff.refused(new BotApiRefusal(429, "Too Many Requests: retry after 7", 7));

        assertThat(backOff.nextBackOffMillis()).isEqualTo(7000);
        assertThat(logs.count(Level.WARN, "wait 7 s before polling again (HTTP 429: Too Many Requests")).isEqualTo(1);
    }

    @Test
    void failuresInARowWaitLongerButNeverMoreThan30Seconds() {
        long first = backOff.nextBackOffMillis();
        long longest = first;
        for (int i = 0; i < 40; i++) {
            backOff.refused(new BotApiRefusal(502, "Bad Gateway", 0));
            longest = Math.max(longest, backOff.nextBackOffMillis());
        }

        assertThat(first).isBetween(375L, 625L);
        assertThat(longest).isGreaterThan(20_000).isLessThanOrEqualTo(PollingBackOff.MAX_MILLIS);
    }

    @Test
    void aSuccessfulPollStartsTheGrowthOver() {
        for (int i = 0; i < 10; i++) {
            backOff.nextBackOffMillis();
        }
        backOff.reset();

        assertThat(backOff.nextBackOffMillis()).isBetween(375L, 625L);
    }

    @Test
    void aRefusalCountsForTheFailureItBelongsToOnly() {
        backOff.refused(new BotApiRefusal(429, "Too Many Requests: retry after 60", 60));
        backOff.polling();

        assertThat(backOff.nextBackOffMillis()).isLessThan(1000);
    }

    @Test
    void aConflictIsReportedOnceHoweverOftenItHappens() {
        for (int i = 0; i < 5; i++) {
            backOff.refused(BotApiRefusal.read(409, FakeAnswer.conflict().body()));
            backOff.nextBackOffMillis();
            backOff.reset();
        }

        assertThat(logs.count(Level.ERROR, "Another process is polling this bot token; stop it")).isEqualTo(1);
        assertThat(logs.count(Level.ERROR, "terminated by other getUpdates request")).isEqualTo(1);
    }

    @Test
    void anErrorPageThatIsNotJsonStillGivesTheStatus() {
        assertThat(BotApiRefusal.read(502, "<html>Bad Gateway</html>"))
                .isEqualTo(new BotApiRefusal(502, "HTTP 502", 0));
        assertThat(BotApiRefusal.read(429, FakeAnswer.tooManyRequests(3).body()))
                .isEqualTo(new BotApiRefusal(429, "Too Many Requests: retry after 3", 3));
    }
}
