package io.ringline.gateway.ratelimit;

import io.ringline.gateway.tenancy.Caller;
import io.ringline.platform.security.SecurityOrder;
import io.ringline.platform.web.ApiException;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Per-key and per-tenant limits on every authenticated request (SPEC §2): one token from the key's bucket and
 * one from the tenant's (all its keys together); either empty → {@code 429 RATE_LIMITED} with
 * {@code Retry-After}. The buckets are shared by all gateway instances ({@link LeasedBuckets}).
 */
@Component
public class RateLimitFilter implements WebFilter, Ordered {

    /** After Spring Security's chain, which puts the authenticated {@link Caller} in the exchange. */
    public static final int ORDER = SecurityOrder.AFTER_CHAIN;
    static final String LIMIT_HEADER = "X-RateLimit-Limit";
    static final String REMAINING_HEADER = "X-RateLimit-Remaining";

    private final RateLimitProperties props;
    private final TenantRateLimits tenants;
    private final LeasedBuckets buckets;
    private final RateLimitMetrics metrics;

    RateLimitFilter(RateLimitProperties props, TenantRateLimits tenants, LeasedBuckets buckets,
            RateLimitMetrics metrics) {
        this.props = props;
        this.tenants = tenants;
        this.buckets = buckets;
        this.metrics = metrics;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Caller caller = exchange.getAttribute(Caller.ATTRIBUTE);
        if (!props.enabled() || caller == null) {
            return chain.filter(exchange);
        }
        String keyBucket = "k:" + caller.keyId();
        String tenantBucket = "t:" + caller.tenantId();
        return tenants.of(caller.tenantId()).flatMap(limits -> Mono.zip(
                        buckets.take(keyBucket, limits.key()), buckets.take(tenantBucket, limits.tenant()))
                .flatMap(both -> {
                    Decision key = both.getT1();
                    Decision tenant = both.getT2();
                    if (key.allowed() && !tenant.allowed()) {
                        buckets.giveBack(keyBucket, limits.key());
                    } else if (!key.allowed() && tenant.allowed()) {
                        buckets.giveBack(tenantBucket, limits.tenant());
                    }
                    Decision refusing = !key.allowed() ? key : !tenant.allowed() ? tenant : null;
                    Decision shown = refusing != null ? refusing : key.remaining() <= tenant.remaining() ? key : tenant;
                    HttpHeaders headers = exchange.getResponse().getHeaders();
                    headers.set(LIMIT_HEADER, String.valueOf(shown.limit().burst()));
                    headers.set(REMAINING_HEADER, String.valueOf(Math.max(0, shown.remaining())));
                    if (refusing == null) {
                        return chain.filter(exchange);
                    }
                    boolean byKey = refusing == key;
                    metrics.refused(byKey ? RateLimitMetrics.Scope.KEY : RateLimitMetrics.Scope.TENANT);
                    return Mono.error(tooMany(byKey ? "key" : "tenant", refusing.retryAfterNanos()));
                }));
    }

    /** {@code 429 RATE_LIMITED} with {@code Retry-After} in whole seconds (at least 1). */
    static ApiException tooMany(String limit, long retryAfterNanos) {
        long seconds = Math.max(1, (retryAfterNanos + 999_999_999L) / 1_000_000_000L);
        String whose = switch (limit) {
            case "key" -> "this API key";
            case "tenant" -> "this tenant (all its keys together)";
            default -> "this address";
        };
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED",
                "Too many requests for " + whose + "; retry after " + seconds + " s", Map.of("limit", limit),
                Map.of(HttpHeaders.RETRY_AFTER, String.valueOf(seconds)));
    }
}
