package io.ringline.gateway.auth;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.ringline.gateway.config.GatewayProperties;
import io.ringline.gateway.tenancy.ApiKeyRevoked;
import io.ringline.gateway.tenancy.persistence.ApiKeyRepository;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Resolved API keys, briefly remembered so a burst of requests costs one database read. Revocations made
 * through this instance evict at once; other instances notice within {@code ringline.gateway.auth-cache-ttl}.
 * Unknown keys are never cached, so a new key works immediately.
 */
@Component
class ApiKeyCache {

    private final AsyncCache<String, Caller> cache;
    private final ApiKeyRepository keys;

    ApiKeyCache(ApiKeyRepository keys, GatewayProperties props) {
        this.keys = keys;
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(props.authCacheTtl())
                .maximumSize(10_000)
                .buildAsync();
    }

    /** The caller for a key hash; empty for an unknown or revoked key. */
    Mono<Caller> resolve(String keyHash) {
        return Mono.fromFuture(() -> cache.get(keyHash, (hash, executor) ->
                keys.findUsable(hash).map(Caller::of).toFuture()), true);
    }

    @EventListener
    void onRevoked(ApiKeyRevoked revoked) {
        revoked.keyHashes().forEach(cache.synchronous()::invalidate);
    }
}
