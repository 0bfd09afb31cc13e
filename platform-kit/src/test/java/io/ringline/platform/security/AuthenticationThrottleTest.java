package io.ringline.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AuthenticationThrottleTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final TimeMeter clock = new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    };
    private final AuthenticationThrottle throttle = new AuthenticationThrottle(
            new ThrottleProperties(5, 3, Duration.ofMinutes(1), Duration.ofSeconds(2), 1000), clock);

    @Test
    void aSourceIsStoppedAfterItsFailuresAndMayTryAgainOnceTheBucketRefills() {
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.retryAfter("10.0.0.1", "k:" + i)).isEmpty();
            throttle.recordFailure("10.0.0.1", "k:" + i);
        }
        Duration wait = throttle.retryAfter("10.0.0.1", "k:new").orElseThrow();
        assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(12)); // one failure refills in 60 s / 5
        assertThat(throttle.retryAfter("10.0.0.2", "k:new")).as("another source").isEmpty();

        nanos.addAndGet(wait.toNanos());
        assertThat(throttle.retryAfter("10.0.0.1", "k:new")).isEmpty();
    }

    @Test
    void aKeyPrefixIsStoppedWhateverTheSource() {
        for (int i = 0; i < 3; i++) {
            throttle.recordFailure("10.1.0." + i, "api-key:rl_abcdefg");
        }
        assertThat(throttle.retryAfter("10.9.9.9", "api-key:rl_abcdefg")).isPresent();
        assertThat(throttle.retryAfter("10.9.9.9", "api-key:rl_zzzzzzz")).isEmpty();
    }

    @Test
    void askingCostsNothing() {
        for (int i = 0; i < 100; i++) {
            assertThat(throttle.retryAfter("10.0.0.3", "k")).isEmpty();
        }
    }
}
