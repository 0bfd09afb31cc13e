package io.ringline.gateway.ratelimit;

import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * This instance's lease on one shared bucket: tokens taken from the database in a batch and spent here one
 * request at a time. Leased tokens expire (unused ones are dropped, never returned), and after the shared
 * bucket ran dry the instance refuses locally until a lease's worth has grown back, so neither a flood nor an
 * idle key costs a database write per request. Time is passed in (monotonic nanoseconds).
 */
final class Lease {

    /** What {@link #tryTake} found. */
    sealed interface Take permits Take.Allowed, Take.Refused, Take.Refill {

        record Allowed(long remaining) implements Take {
        }

        record Refused(long retryAfterNanos) implements Take {
        }

        /** Nothing left here: the caller must wait for this refill (shared by every request that needs it). */
        record Refill(Mono<Void> done) implements Take {
        }
    }

    private final BucketLimit limit;
    private final int size;
    private final long ttlNanos;
    private final long windowNanos;
    private long tokens;
    private long expiresAt;
    /** Meaningful only while {@link #refusing}: nanoTime values may be negative, so 0 is no "never". */
    private boolean refusing;
    private long refusedUntil;
    private double sharedLeft;
    private Mono<Void> refill;

    /**
     * @param size        tokens asked for per lease
     * @param ttlNanos    how long leased tokens may be spent
     * @param windowNanos longest extra local refusal after the shared bucket ran dry (see {@link #granted})
     */
    Lease(BucketLimit limit, int size, long ttlNanos, long windowNanos) {
        this.limit = limit;
        this.size = size;
        this.ttlNanos = ttlNanos;
        this.windowNanos = windowNanos;
    }

    BucketLimit limit() {
        return limit;
    }

    /** Tokens asked for per lease. */
    int size() {
        return size;
    }

    /**
     * Spends one leased token, or says why not. When a refill is needed and none is running, {@code startRefill}
     * is asked for one; it must not complete before this method has returned.
     */
    synchronized Take tryTake(long now, Supplier<Mono<Void>> startRefill) {
        if (refusing && now - refusedUntil < 0) {
            return new Take.Refused(refusedUntil - now);
        }
        refusing = false;
        if (tokens > 0 && now - expiresAt < 0) {
            tokens--;
            return new Take.Allowed(tokens + (long) Math.floor(sharedLeft));
        }
        tokens = 0;
        if (refill == null) {
            refill = startRefill.get();
        }
        return new Take.Refill(refill);
    }

    /** A lease came back: {@code granted} tokens (maybe none), the shared bucket keeping {@code left}. */
    synchronized void granted(int granted, double left, long now) {
        refill = null;
        sharedLeft = left;
        if (granted > 0) {
            tokens = granted;
            expiresAt = now + ttlNanos;
        } else {
            // Refuse here until a token is back — and, for fast buckets, until a whole lease is back, but never
            // longer than one lease window: a flood then costs about one write per window, not one per request,
            // and the shared bucket keeps what grows meanwhile.
            long oneToken = (long) Math.ceil(limit.secondsUntil(left, 1) * 1e9);
            long wholeLease = (long) Math.ceil(limit.secondsUntil(left, size) * 1e9);
            refusing = true;
            refusedUntil = now + Math.max(1, Math.max(oneToken, Math.min(wholeLease, windowNanos)));
        }
    }

    /** The lease could not be taken (the database failed); the next request may try again. */
    synchronized void failed() {
        refill = null;
    }

    /** Returns a token taken for a request that the other bucket refused. */
    synchronized void giveBack(long now) {
        if (now - expiresAt < 0) {
            tokens++;
        }
    }
}
