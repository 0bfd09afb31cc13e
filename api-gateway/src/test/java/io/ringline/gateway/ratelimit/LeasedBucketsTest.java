package io.ringline.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** When the shared buckets cannot be reached, requests are still limited — by this instance alone — for a while. */
class LeasedBucketsTest {

    private final AtomicLong clock = new AtomicLong(-5_000_000_000L); // nanoTime may well be negative
    private final AtomicInteger leases = new AtomicInteger();
    private final SharedBuckets unreachable = new SharedBuckets(null) {
        @Override
        Mono<Grant> lease(String bucketKey, BucketLimit limit, int want) {
            leases.incrementAndGet();
            return Mono.error(new IllegalStateException("database down"));
        }
    };
    private final TimeMeter time = new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return clock.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    };
    private final LeasedBuckets buckets = new LeasedBuckets(unreachable, new LocalFallback(time),
            new RateLimitProperties.Lease(Duration.ofMillis(100), 5, Duration.ofSeconds(10), Duration.ofSeconds(1)),
            clock::get, new RateLimitMetrics(new SimpleMeterRegistry()));
    private final BucketLimit limit = new BucketLimit(0.001, 3);

    @Test
    void aFailedLeaseSwitchesThisInstanceToItsOwnBucketsUntilTheDatabaseIsAskedAgain() {
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.take("k:key_1", limit).block().allowed()).isTrue();
        }
        Decision refused = buckets.take("k:key_1", limit).block();
        assertThat(refused.allowed()).as("still limited while the database is down").isFalse();
        assertThat(refused.retryAfterNanos()).isPositive();
        assertThat(leases).as("one failed lease, then no database round trips").hasValue(1);

        clock.addAndGet(LeasedBuckets.FALLBACK_PERIOD.toNanos());
        buckets.take("k:key_1", limit).block();
        assertThat(leases).as("asked again after the fallback period").hasValue(2);
    }

    @Test
    void withoutAnyFailureNothingIsLimitedLocally() {
        SharedBuckets full = new SharedBuckets(null) {
            @Override
            Mono<Grant> lease(String bucketKey, BucketLimit limit, int want) {
                leases.incrementAndGet();
                return Mono.just(new Grant(want, 100));
            }
        };
        LeasedBuckets healthy = new LeasedBuckets(full, new LocalFallback(time),
                new RateLimitProperties.Lease(Duration.ofMillis(100), 5, Duration.ofSeconds(10), Duration.ofSeconds(1)),
                clock::get, new RateLimitMetrics(new SimpleMeterRegistry()));

        for (int i = 0; i < 10; i++) {
            assertThat(healthy.take("k:key_2", new BucketLimit(0.001, 1000)).block().allowed()).isTrue();
        }
        assertThat(leases).as("10 requests, leases of 5").hasValue(2);
    }
}
