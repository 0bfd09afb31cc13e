package io.ringline.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Each tenant's effective limits: the operator's settings over the configured defaults. An instance keeps a
 * tenant's limits for {@code ringline.gateway.rate-limit.config-refresh}, so a change made on one instance
 * applies there at once and on every other instance within that time.
 */
@Component
public class TenantRateLimits {

    private static final Logger log = LoggerFactory.getLogger(TenantRateLimits.class);

    private final TenantRateLimitRepository settings;
    private final RateLimits defaults;
    private final Clock clock;
    private final AsyncCache<String, RateLimits> cache;

    TenantRateLimits(TenantRateLimitRepository settings, RateLimitProperties props, Clock clock) {
        this.settings = settings;
        this.defaults = props.defaults().limits();
        this.clock = clock;
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(props.configRefresh())
                .maximumSize(100_000)
                .buildAsync();
    }

    /**
     * The limits requests of this tenant are held to (cached). When they cannot be read, the defaults apply to
     * this request (nothing is cached, so the next one reads again).
     */
    Mono<RateLimits> of(String tenantId) {
        return Mono.fromFuture(() -> cache.get(tenantId, (id, executor) -> read(id).toFuture()), true)
                .onErrorResume(e -> {
                    log.warn("could not read the rate limits of {} ({}); using the defaults", tenantId, e.toString());
                    return Mono.just(defaults);
                });
    }

    /** The tenant's limits as stored now (not cached): what the operator API shows. */
    public Mono<RateLimits> current(String tenantId) {
        return read(tenantId);
    }

    /** Applies an operator's change; this instance uses the new limits from its next request. */
    public Mono<RateLimits> change(String tenantId, RateLimitChange change) {
        return settings.apply(tenantId, change, clock.instant())
                .then(Mono.fromRunnable(() -> cache.synchronous().invalidate(tenantId)))
                .then(read(tenantId));
    }

    private Mono<RateLimits> read(String tenantId) {
        return settings.find(tenantId).map(stored -> stored.over(defaults));
    }
}
