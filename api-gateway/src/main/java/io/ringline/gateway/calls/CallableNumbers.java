package io.ringline.gateway.calls;

import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.gateway.config.GatewayProperties;
import io.ringline.gateway.tenancy.BusinessNumber;
import io.ringline.gateway.tenancy.NumbersChanged;
import io.ringline.gateway.tenancy.PairKey;
import io.ringline.gateway.tenancy.persistence.NumberRepository;
import io.ringline.platform.security.CachedLookup;
import io.ringline.platform.security.ThrottleProperties;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The live number a number-scoped key is bound to, remembered like the key itself: every calls request read it
 * from {@code numbers} first (issue 8: one transaction of the 14.4 per call, after the API key's, which is cached).
 * A found number is trusted for {@code ringline.gateway.auth-cache-ttl}, an unknown one refused from memory for the
 * failed-authentication miss TTL, and numbers in use are read again together before their time runs out
 * ({@link CachedLookup}'s bulk reads: a key whose tenant no longer matches is dropped); a number registered, changed
 * or deleted on this instance empties the cache at once, other instances notice within those times — the contract
 * of a revoked API key and of {@code EvoGoRoutes}. The remembered numbers hold their credentials sealed, as stored.
 */
@Component
class CallableNumbers {

    private final CachedLookup<BusinessNumber> byTenantAndId;

    CallableNumbers(NumberRepository numbers, GatewayProperties props, ThrottleProperties throttle,
            MeterRegistry meters) {
        this.byTenantAndId = new CachedLookup<>("number", props.authCacheTtl(), throttle.missTtl(), 50_000,
                key -> {
                    PairKey numberAndTenant = PairKey.parse(key);
                    return numbers.findLive(numberAndTenant.second(), numberAndTenant.first());
                }, keys -> numbers.findLive(keys.stream().map(key -> PairKey.parse(key).first()).toList())
                        .collectMap(number -> new PairKey(number.id(), number.tenantId()).key()), meters);
    }

    /** The tenant's live number with this id; empty when there is none (deleted, or never registered). */
    Mono<BusinessNumber> find(String tenantId, String numberId) {
        return byTenantAndId.resolve(new PairKey(numberId, tenantId).key());
    }

    @EventListener
    void onNumbersChanged(NumbersChanged changed) {
        byTenantAndId.forgetAll();
    }
}
