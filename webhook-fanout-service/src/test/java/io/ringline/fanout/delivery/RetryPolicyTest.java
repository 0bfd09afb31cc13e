package io.ringline.fanout.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The SPEC §4 schedule (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h) with ±20 % jitter and Retry-After. */
class RetryPolicyTest {

    static final List<Duration> SCHEDULE = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
            Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));

    private static RetryPolicy withRandom(double random) {
        return new RetryPolicy(SCHEDULE, 0.2, Duration.ofHours(24), () -> random);
    }

    @ParameterizedTest(name = "after failure {0} wait {1}")
    @CsvSource({"1, PT5S", "2, PT5M", "3, PT30M", "4, PT2H", "5, PT5H", "6, PT10H", "7, PT10H"})
    void followsTheScheduleWithoutJitterAtTheMiddle(int failures, Duration pause) {
        assertThat(withRandom(0.5).pauseAfter(failures, null)).contains(pause);
    }

    @Test
    void jitterStaysWithinTwentyPercent() {
        assertThat(withRandom(0.0).pauseAfter(2, null)).contains(Duration.ofMinutes(4));
        assertThat(withRandom(0.999999).pauseAfter(2, null).orElseThrow())
                .isBetween(Duration.ofSeconds(359), Duration.ofMinutes(6));
        RetryPolicy real = new RetryPolicy(SCHEDULE, 0.2, Duration.ofHours(24));
        for (int i = 0; i < 200; i++) {
            assertThat(real.pauseAfter(1, null).orElseThrow()).isBetween(Duration.ofMillis(4000), Duration.ofMillis(6000));
        }
    }

    @Test
    void givesUpAfterTheLastRetry() {
        assertThat(withRandom(0.5).maxAttempts()).isEqualTo(8);
        assertThat(withRandom(0.5).pauseAfter(8, null)).isEmpty();
    }

    @Test
    void retryAfterIsHonouredWhenLongerAndCapped() {
        RetryPolicy policy = withRandom(0.5);
        assertThat(policy.pauseAfter(1, Duration.ofSeconds(90))).contains(Duration.ofSeconds(90));
        assertThat(policy.pauseAfter(2, Duration.ofSeconds(1))).contains(Duration.ofMinutes(5));
        assertThat(policy.pauseAfter(1, Duration.ofDays(30))).contains(Duration.ofHours(24));
        assertThat(policy.pauseAfter(8, Duration.ofSeconds(1))).isEmpty();
    }
}
