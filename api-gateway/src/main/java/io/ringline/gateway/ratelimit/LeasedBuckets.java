package io.ringline.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Takes tokens for requests from the shared buckets through this instance's {@link Lease}s: most requests
 * spend a leased token without any I/O; one database round trip per lease refills it. When the database
 * cannot be reached in time, this instance limits on its own with {@link LocalFallback} for a while.
 */
class LeasedBuckets {

    private static final Logger log = LoggerFactory.getLogger(LeasedBuckets.class);
    /** How long to limit locally after a failed lease before asking the database again. */
    static final Duration FALLBACK_PERIOD = Duration.ofSeconds(5);
    /** Concurrent requests may each need a refill of a lease others emptied; past this, they are refused. */
    private static final int MAX_ATTEMPTS = 3;

    private final SharedBuckets shared;
    private final LocalFallback fallback;
    private final RateLimitProperties.Lease props;
    private final LongSupplier nanoTime;
    private final RateLimitMetrics metrics;
    private final Cache<String, Lease> leases;
    /** Whether this instance limits on its own, and until when (nanoTime values may be negative: no sentinel). */
    private volatile boolean inFallback;
    private volatile long fallbackUntil;

    LeasedBuckets(SharedBuckets shared, LocalFallback fallback, RateLimitProperties.Lease props, LongSupplier nanoTime,
            RateLimitMetrics metrics) {
        this.shared = shared;
        this.fallback = fallback;
        this.props = props;
        this.nanoTime = nanoTime;
        this.metrics = metrics;
        this.leases = Caffeine.newBuilder()
                .expireAfterAccess(props.ttl().multipliedBy(2))
                .maximumSize(200_000)
                .build();
    }

    /** One token of the bucket for one request. */
    Mono<Decision> take(String bucketKey, BucketLimit limit) {
        return take(bucketKey, limit, 1);
    }

    /** Gives back the token {@link #take} granted, when the request was refused by its other bucket. */
    void giveBack(String bucketKey, BucketLimit limit) {
        long now = nanoTime.getAsLong();
        if (limitingLocally(now)) {
            fallback.giveBack(bucketKey, limit);
            return;
        }
        Lease lease = leases.getIfPresent(bucketKey);
        if (lease != null && lease.limit().equals(limit)) {
            lease.giveBack(now);
        }
    }

    private Mono<Decision> take(String bucketKey, BucketLimit limit, int attempt) {
        return Mono.defer(() -> {
            long now = nanoTime.getAsLong();
            if (limitingLocally(now)) {
                return Mono.just(fallback.take(bucketKey, limit));
            }
            Lease lease = lease(bucketKey, limit);
            Lease.Take take = lease.tryTake(now, () -> refill(bucketKey, lease));
            return switch (take) {
                case Lease.Take.Allowed allowed -> Mono.just(Decision.allowed(limit, allowed.remaining()));
                case Lease.Take.Refused refused -> Mono.just(Decision.refused(limit, refused.retryAfterNanos()));
                case Lease.Take.Refill refill -> attempt >= MAX_ATTEMPTS
                        ? Mono.just(Decision.refused(limit, (long) (1e9 / limit.perSecond())))
                        : refill.done().then(take(bucketKey, limit, attempt + 1));
            };
        });
    }

    private boolean limitingLocally(long now) {
        return inFallback && now - fallbackUntil < 0;
    }

    /** The lease for this bucket under these limits; a change of limits starts a new lease. */
    private Lease lease(String bucketKey, BucketLimit limit) {
        return leases.asMap().compute(bucketKey, (key, existing) -> existing != null && existing.limit().equals(limit)
                ? existing
                : new Lease(limit, props.size(limit), props.ttl().toNanos(), props.window().toNanos()));
    }

    private Mono<Void> refill(String bucketKey, Lease lease) {
        return shared.lease(bucketKey, lease.limit(), lease.size())
                .timeout(props.timeout())
                .doOnNext(grant -> {
                    lease.granted(grant.granted(), grant.left(), nanoTime.getAsLong());
                    metrics.lease(grant.granted() > 0);
                    if (inFallback) {
                        inFallback = false;
                        log.info("rate limiting is shared across instances again");
                    }
                })
                .onErrorResume(e -> {
                    lease.failed();
                    metrics.leaseFailed();
                    fallbackUntil = nanoTime.getAsLong() + FALLBACK_PERIOD.toNanos();
                    if (!inFallback) {
                        log.warn("rate-limit lease failed ({}); this instance limits on its own for {}", e.toString(),
                                FALLBACK_PERIOD);
                    }
                    inFallback = true;
                    return Mono.empty();
                })
                .then()
                .cache();
    }
}
