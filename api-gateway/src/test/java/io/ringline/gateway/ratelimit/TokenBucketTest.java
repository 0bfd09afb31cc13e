package io.ringline.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void allowsABurstUpToCapacityThenRefusesWithTheWait() {
        TokenBucket bucket = new TokenBucket(3, 2, 0);

        assertThat(bucket.take(0).remaining()).isEqualTo(2);
        assertThat(bucket.take(0).allowed()).isTrue();
        assertThat(bucket.take(0).allowed()).isTrue();
        TokenBucket.Decision refused = bucket.take(0);

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void refillsContinuouslyButNeverBeyondCapacity() {
        TokenBucket bucket = new TokenBucket(2, 1, 0);
        bucket.take(0);
        bucket.take(0);

        assertThat(bucket.take(SECOND / 2).allowed()).isFalse();
        assertThat(bucket.take(SECOND).allowed()).as("one token back after 1 s").isTrue();
        assertThat(bucket.take(100 * SECOND).remaining()).as("capped at capacity, minus this one").isEqualTo(1);
    }
}
