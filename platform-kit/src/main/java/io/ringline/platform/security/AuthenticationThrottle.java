package io.ringline.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Optional;

/**
 * Counts failed authentications per source address and per secret prefix in Bucket4j token buckets (one token
 * per failure, refilled greedily over the window), held in bounded Caffeine maps. A source or prefix whose
 * bucket is empty is told how long to wait; checking costs no token, so a blocked caller cannot extend its
 * own block, and a success costs nothing.
 */
public final class AuthenticationThrottle {

    private final ThrottleProperties props;
    private final TimeMeter time;
    private final Cache<String, Bucket> bySource;
    private final Cache<String, Bucket> byPrefix;

    public AuthenticationThrottle(ThrottleProperties props) {
        this(props, TimeMeter.SYSTEM_MILLISECONDS);
    }

    AuthenticationThrottle(ThrottleProperties props, TimeMeter time) {
        this.props = props;
        this.time = time;
        // An entry untouched for a whole window is full again: forgetting it loses nothing.
        this.bySource = Caffeine.newBuilder().expireAfterAccess(props.window()).maximumSize(props.maxTracked())
                .ticker(time::currentTimeNanos).build();
        this.byPrefix = Caffeine.newBuilder().expireAfterAccess(props.window()).maximumSize(props.maxTracked())
                .ticker(time::currentTimeNanos).build();
    }

    /** How long to wait when the source or the prefix has no failures left; empty when an attempt may proceed. */
    public Optional<Duration> retryAfter(String source, String prefixKey) {
        long nanos = Math.max(waitNanos(bySource.getIfPresent(source)), waitNanos(byPrefix.getIfPresent(prefixKey)));
        return nanos > 0 ? Optional.of(Duration.ofNanos(nanos)) : Optional.empty();
    }

    public void recordFailure(String source, String prefixKey) {
        bySource.get(source, key -> bucket(props.perSource())).tryConsume(1);
        byPrefix.get(prefixKey, key -> bucket(props.perPrefix())).tryConsume(1);
    }

    private Bucket bucket(int failures) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(failures).refillGreedy(failures, props.window()))
                .withCustomTimePrecision(time)
                .build();
    }

    private static long waitNanos(Bucket bucket) {
        if (bucket == null) {
            return 0;
        }
        var probe = bucket.estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
    }
}
