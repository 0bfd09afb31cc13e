package io.ringline.gateway.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code ringline.gateway.rate_limit.refused{limit}} (requests answered 429, by the limit that refused them:
 * {@code key}, {@code tenant}, {@code source}) and {@code ringline.gateway.rate_limit.leases{outcome}} (leases
 * taken from the shared buckets: {@code granted}, {@code empty}, {@code failed}).
 */
@Component
class RateLimitMetrics {

    private final Counter refusedKey;
    private final Counter refusedTenant;
    private final Counter refusedSource;
    private final Counter leaseGranted;
    private final Counter leaseEmpty;
    private final Counter leaseFailed;

    RateLimitMetrics(MeterRegistry meters) {
        refusedKey = refused(meters, "key");
        refusedTenant = refused(meters, "tenant");
        refusedSource = refused(meters, "source");
        leaseGranted = lease(meters, "granted");
        leaseEmpty = lease(meters, "empty");
        leaseFailed = lease(meters, "failed");
    }

    void refused(Scope scope) {
        switch (scope) {
            case KEY -> refusedKey.increment();
            case TENANT -> refusedTenant.increment();
            case SOURCE -> refusedSource.increment();
        }
    }

    void lease(boolean granted) {
        (granted ? leaseGranted : leaseEmpty).increment();
    }

    void leaseFailed() {
        leaseFailed.increment();
    }

    /** Which limit refused a request. */
    enum Scope {
        KEY, TENANT, SOURCE
    }

    private static Counter refused(MeterRegistry meters, String limit) {
        return Counter.builder("ringline.gateway.rate_limit.refused")
                .description("Requests answered 429, by the limit that refused them")
                .tag("limit", limit).register(meters);
    }

    private static Counter lease(MeterRegistry meters, String outcome) {
        return Counter.builder("ringline.gateway.rate_limit.leases")
                .description("Leases taken from the shared rate-limit buckets, by outcome")
                .tag("outcome", outcome).register(meters);
    }
}
