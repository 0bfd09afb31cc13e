package io.ringline.gateway.ingress.evogo;

import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.gateway.config.GatewayProperties;
import io.ringline.gateway.tenancy.NumbersChanged;
import io.ringline.gateway.tenancy.PairKey;
import io.ringline.gateway.tenancy.persistence.NumberRepository;
import io.ringline.gateway.tenancy.persistence.NumberRepository.EvoGoRoute;
import io.ringline.platform.security.CachedLookup;
import io.ringline.platform.security.ThrottleProperties;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The live Evolution GO numbers an instance name and token hash reach, remembered like API keys: GO sends three
 * webhooks per call, and each was an indexed read of {@code numbers} (issue 8: 4.6 reads of it per call). Found
 * routes are trusted for {@code ringline.gateway.auth-cache-ttl}, unknown pairs refused from memory for the
 * failed-authentication miss TTL, and pairs in use are read again together before their time runs out
 * ({@link CachedLookup}'s bulk reads); a number registered, changed or deleted on this instance empties the cache
 * at once, other instances notice within those times — the same contract as a revoked API key. Only the token's
 * hash is a key; the remembered numbers hold their credentials sealed, as stored.
 */
@Component
class EvoGoRoutes {

    private final CachedLookup<List<EvoGoRoute>> byInstanceAndToken;

    EvoGoRoutes(NumberRepository numbers, GatewayProperties props, ThrottleProperties throttle, MeterRegistry meters) {
        this.byInstanceAndToken = new CachedLookup<>("evo-go-instance", props.authCacheTtl(), throttle.missTtl(),
                50_000, key -> {
                    PairKey hashAndInstance = PairKey.parse(key);
                    return numbers.findLiveEvoGoByInstanceAndTokenHash(hashAndInstance.second(),
                            hashAndInstance.first()).collectList().filter(routes -> !routes.isEmpty());
                }, keys -> findAll(numbers, keys), meters);
    }

    /** The routes of many pairs in one read, at most two each like the single read (two already say ambiguous). */
    private static Mono<Map<String, List<EvoGoRoute>>> findAll(NumberRepository numbers, List<String> keys) {
        return numbers.findLiveEvoGoByTokenHashes(keys.stream().map(key -> PairKey.parse(key).first()).distinct()
                        .toList())
                .collectMultimap(route -> new PairKey(route.instanceTokenHash(),
                        route.number().endpoint().accountId()).key())
                .map(found -> found.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                        routes -> routes.getValue().stream().limit(2).toList())));
    }

    /** The live numbers this instance name and token hash reach: none, one, or (ambiguous) two. */
    Mono<List<EvoGoRoute>> find(String instanceName, String instanceTokenHash) {
        return byInstanceAndToken.resolve(new PairKey(instanceTokenHash, instanceName).key())
                .defaultIfEmpty(List.of());
    }

    @EventListener
    void onNumbersChanged(NumbersChanged changed) {
        byInstanceAndToken.forgetAll();
    }
}
