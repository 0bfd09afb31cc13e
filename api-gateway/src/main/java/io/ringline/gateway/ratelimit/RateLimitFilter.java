package io.ringline.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.ringline.gateway.auth.Caller;
import io.ringline.gateway.config.GatewayProperties;
import io.ringline.platform.security.SecurityOrder;
import io.ringline.platform.web.ApiException;
import java.time.Duration;
import java.util.Map;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Per-key token bucket on the public API (SPEC §2): over the limit → {@code 429 RATE_LIMITED} with
 * {@code Retry-After} (whole seconds). Runs right after authentication, so it counts keys, not addresses;
 * buckets live in this instance's memory, so N instances allow up to N times the rate.
 */
@Component
public class RateLimitFilter implements WebFilter, Ordered {

    /** After Spring Security's chain, which puts the authenticated {@link Caller} in the exchange. */
    public static final int ORDER = SecurityOrder.AFTER_CHAIN;
    static final String LIMIT_HEADER = "X-RateLimit-Limit";
    static final String REMAINING_HEADER = "X-RateLimit-Remaining";

    private final GatewayProperties.RateLimit props;
    private final LongSupplier nanoTime;
    private final Cache<String, TokenBucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10))
            .maximumSize(100_000)
            .build();

    @Autowired
    RateLimitFilter(GatewayProperties props) {
        this(props.rateLimit(), System::nanoTime);
    }

    RateLimitFilter(GatewayProperties.RateLimit props, LongSupplier nanoTime) {
        this.props = props;
        this.nanoTime = nanoTime;
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
        long now = nanoTime.getAsLong();
        TokenBucket bucket = buckets.get(caller.keyId(),
                key -> new TokenBucket(props.capacity(), props.refillPerSecond(), now));
        TokenBucket.Decision decision = bucket.take(now);
        var headers = exchange.getResponse().getHeaders();
        headers.set(LIMIT_HEADER, String.valueOf(props.capacity()));
        headers.set(REMAINING_HEADER, String.valueOf(decision.remaining()));
        if (decision.allowed()) {
            return chain.filter(exchange);
        }
        long seconds = Math.max(1, (decision.retryAfter().toMillis() + 999) / 1000);
        return Mono.error(new ApiException(HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED",
                "Too many requests for this API key; retry after " + seconds + " s", null,
                Map.of("Retry-After", String.valueOf(seconds))));
    }
}
