package io.ringline.gateway.ratelimit;

/**
 * A tenant's rate limits (SPEC §2): every request counts against its key's bucket and against the tenant's
 * bucket, which all the tenant's keys share, so more keys never mean more throughput for the tenant.
 */
public record RateLimits(double tenantPerSecond, int tenantBurst, double keyPerSecond, int keyBurst) {

    /** Largest rate an operator may set; far above what one gateway fleet serves, it only catches typos. */
    public static final double MAX_PER_SECOND = 1_000_000;
    /** Largest burst an operator may set. */
    public static final int MAX_BURST = 10_000_000;

    public RateLimits {
        new BucketLimit(tenantPerSecond, tenantBurst); // validates
        new BucketLimit(keyPerSecond, keyBurst);
    }

    BucketLimit tenant() {
        return new BucketLimit(tenantPerSecond, tenantBurst);
    }

    BucketLimit key() {
        return new BucketLimit(keyPerSecond, keyBurst);
    }
}
