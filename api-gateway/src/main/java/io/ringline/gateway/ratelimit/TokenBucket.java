package io.ringline.gateway.ratelimit;

import java.time.Duration;

/**
 * One key's allowance: up to {@code capacity} requests at once, refilled continuously at
 * {@code refillPerSecond}. Time is passed in (nanoseconds, monotonic) so the arithmetic is testable.
 */
final class TokenBucket {

    /** Outcome of one request: allowed, or refused with the wait until a token is back. */
    record Decision(boolean allowed, long remaining, Duration retryAfter) {
    }

    private final double capacity;
    private final double refillPerNano;
    private double tokens;
    private long updatedAt;

    TokenBucket(int capacity, double refillPerSecond, long nowNanos) {
        if (capacity < 1 || refillPerSecond <= 0) {
            throw new IllegalArgumentException("capacity must be >= 1 and refill-per-second > 0");
        }
        this.capacity = capacity;
        this.refillPerNano = refillPerSecond / 1_000_000_000d;
        this.tokens = capacity;
        this.updatedAt = nowNanos;
    }

    synchronized Decision take(long nowNanos) {
        long elapsed = Math.max(0, nowNanos - updatedAt);
        tokens = Math.min(capacity, tokens + elapsed * refillPerNano);
        updatedAt = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return new Decision(true, (long) Math.floor(tokens), Duration.ZERO);
        }
        long waitNanos = (long) Math.ceil((1 - tokens) / refillPerNano);
        return new Decision(false, 0, Duration.ofNanos(waitNanos));
    }
}
