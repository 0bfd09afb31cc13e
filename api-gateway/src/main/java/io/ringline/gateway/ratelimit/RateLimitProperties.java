package io.ringline.gateway.ratelimit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-tenant and per-key rate limits (docs/security.md "Limits").
 *
 * @param enabled       false turns the tenant and key limits off (load tests of other parts)
 * @param defaults      the limits of a tenant the operator has not given its own
 * @param configRefresh how long an instance keeps a tenant's limits before reading them again: an operator's
 *                      change reaches every instance within this time
 * @param lease         how instances take tokens from the shared buckets
 */
@ConfigurationProperties("ringline.gateway.rate-limit")
record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue Defaults defaults,
        @DefaultValue("5s") Duration configRefresh,
        @DefaultValue Lease lease) {

    /** Defaults of {@link RateLimits}; each is replaced by the tenant's own value when the operator set one. */
    public record Defaults(
            @DefaultValue("100") double tenantPerSecond,
            @DefaultValue("200") int tenantBurst,
            @DefaultValue("20") double keyPerSecond,
            @DefaultValue("50") int keyBurst) {

        public RateLimits limits() {
            return new RateLimits(tenantPerSecond, tenantBurst, keyPerSecond, keyBurst);
        }
    }

    /**
     * @param window    a lease holds about this much time's worth of the bucket's rate ...
     * @param minTokens ... but at least this many tokens (never more than the bucket's burst), so a slow caller
     *                  does not cost a database write per request
     * @param ttl       leased tokens not used within this time are dropped (not returned)
     * @param timeout   longest wait for a lease; beyond it, or on a database error, this instance limits on its
     *                  own (see {@link LocalFallback}) until the database answers again
     */
    public record Lease(
            @DefaultValue("100ms") Duration window,
            @DefaultValue("5") int minTokens,
            @DefaultValue("10s") Duration ttl,
            @DefaultValue("1s") Duration timeout) {

        /** Tokens asked for per lease: what a bucket of this limit refills in {@link #window}, within bounds. */
        int size(BucketLimit limit) {
            long byRate = (long) Math.ceil(limit.perSecond() * window.toNanos() / 1e9);
            return (int) Math.max(1, Math.min(limit.burst(), Math.max(minTokens, byRate)));
        }
    }
}
