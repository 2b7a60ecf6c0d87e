package io.migrabot;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class UnitsTest {
    @Test
    void durationsRoundToTenthsAsPercentPointOneFDoes() {
        for (long millis : new long[] {0, 49, 50, 99, 949, 950, 1050, 1149, 4050, 59_950, 61_234, 3_600_049}) {
            assertThat(Units.duration(Duration.ofMillis(millis))).as("%d ms", millis)
                    .isEqualTo(String.format(Locale.ROOT, "%.1fs", millis / 1000.0));
        }
    }
}
