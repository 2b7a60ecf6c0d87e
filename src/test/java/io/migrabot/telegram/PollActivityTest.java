package io.migrabot.telegram;

import io.migrabot.monitor.HealthCheck.Status;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The poller's health from the times its polls started, answered and failed, on a clock the test turns. */
class PollActivityTest {
    private long now = 1_000_000_000_000L;
    private final PollActivity polls = new PollActivity(() -> now, Duration.ofSeconds(90));

    private void after(int seconds) {
        now += seconds * 1_000_000_000L;
    }

    @Test
    void notPollingYetIsFailing() {
        assertThat(polls.check()).isEqualTo(Status.failing("not polling; no answer yet"));
    }

    @Test
    void theFirstLongPollInFlightIsHealthyUntilItIsStale() {
        polls.started();
        after(50);
        assertThat(polls.check()).isEqualTo(Status.healthy("a poll in flight for 50 s"));
        after(41);
        assertThat(polls.check()).isEqualTo(Status.failing("a poll in flight for 91 s; no answer yet"));
    }

    @Test
    void pollsThatAnswerKeepItHealthyAndAStalledPollerFails() {
        polls.started();
        after(50);
        polls.answered();
        polls.started();
        after(30);
        assertThat(polls.check()).isEqualTo(Status.healthy("last poll answered 30 s ago"));
        after(61);
        assertThat(polls.check()).isEqualTo(Status.failing("a poll in flight for 91 s; last answer 91 s ago"));
    }

    @Test
    void failingPollsFailOnceTheLastAnswerIsStaleEvenWhileRetrying() {
        polls.started();
        polls.answered();
        after(10);
        polls.started();
        polls.failed();
        assertThat(polls.check().healthy()).as("answered 10 s ago").isTrue();
        after(85);
        polls.started();
        assertThat(polls.check()).isEqualTo(Status.failing("polls are failing; last answer 95 s ago"));
        polls.answered();
        assertThat(polls.check()).isEqualTo(Status.healthy("last poll answered 0 s ago"));
    }
}
