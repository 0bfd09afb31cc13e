package io.ringline.gateway.ratelimit;

import io.ringline.platform.lifecycle.Poller;
import io.ringline.platform.lifecycle.Polling;
import java.time.Duration;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Deletes shared buckets that have refilled completely (a missing row is a full bucket, so nothing changes),
 * hourly and a batch at a time, so the table holds only the tenants and keys in use.
 */
@Component
class BucketPruner implements Polling {

    private static final Duration EVERY = Duration.ofHours(1);
    /** Rows leased within this time are kept even when full: they are likely to be leased again soon. */
    private static final Duration IDLE = Duration.ofHours(1);
    private static final int BATCH = 1000;

    private final SharedBuckets buckets;
    private final Poller poller;

    BucketPruner(SharedBuckets buckets) {
        this.buckets = buckets;
        this.poller = Poller.named("rate-limit bucket pruning").initialDelay(EVERY).every(EVERY).run(this::prune);
    }

    @Override
    public Poller poller() {
        return poller;
    }

    /** Deletes every prunable row, a batch per statement; emits how many went. */
    Mono<Long> prune() {
        return buckets.pruneFull(IDLE.toSeconds(), BATCH)
                .expand(deleted -> deleted < BATCH ? Mono.empty() : buckets.pruneFull(IDLE.toSeconds(), BATCH))
                .reduce(0L, Long::sum);
    }
}
