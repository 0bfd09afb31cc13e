package io.ringline.gateway.ratelimit;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Deletes shared buckets that have refilled completely (a missing row is a full bucket, so nothing changes),
 * hourly and a batch at a time, so the table holds only the tenants and keys in use.
 */
@Component
class BucketPruner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BucketPruner.class);
    private static final Duration EVERY = Duration.ofHours(1);
    /** Rows leased within this time are kept even when full: they are likely to be leased again soon. */
    private static final Duration IDLE = Duration.ofHours(1);
    private static final int BATCH = 1000;

    private final SharedBuckets buckets;
    private volatile Disposable schedule;

    BucketPruner(SharedBuckets buckets) {
        this.buckets = buckets;
    }

    /** Deletes every prunable row, a batch per statement; emits how many went. */
    Mono<Long> prune() {
        return buckets.pruneFull(IDLE.toSeconds(), BATCH)
                .expand(deleted -> deleted < BATCH ? Mono.empty() : buckets.pruneFull(IDLE.toSeconds(), BATCH))
                .reduce(0L, Long::sum);
    }

    @Override
    public void start() {
        schedule = Flux.interval(EVERY, EVERY)
                .concatMap(tick -> prune()
                        .doOnError(e -> log.warn("pruning rate-limit buckets failed: {}", e.toString()))
                        .onErrorReturn(0L))
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable running = schedule;
        if (running != null) {
            running.dispose();
        }
        schedule = null;
    }

    @Override
    public boolean isRunning() {
        return schedule != null;
    }
}
