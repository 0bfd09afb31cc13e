package io.ringline.gateway.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;

/** Bucket4j buckets of a {@link BucketLimit}, on a given clock (the system's nanoTime, or a test's). */
final class LocalBuckets {

    private LocalBuckets() {
    }

    static Bucket of(BucketLimit limit, TimeMeter time) {
        // Bucket4j refills whole tokens per period; n tokens per n/rate seconds is the rate, fractions included.
        long tokens = Math.max(1, Math.round(limit.perSecond()));
        Duration period = Duration.ofNanos(Math.max(1, Math.round(tokens * 1e9 / limit.perSecond())));
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit.burst()).refillGreedy(tokens, period).build())
                .withCustomTimePrecision(time)
                .build();
    }

    /** {@link System#nanoTime()} as a Bucket4j clock; tests pass their own {@link TimeMeter}. */
    static TimeMeter systemNanoTime() {
        return TimeMeter.SYSTEM_NANOTIME;
    }
}
