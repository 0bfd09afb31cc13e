package io.ringline.gateway.auth;

import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.gateway.config.GatewayProperties;
import io.ringline.gateway.tenancy.ApiKey;
import io.ringline.gateway.tenancy.ApiKeyRevoked;
import io.ringline.gateway.tenancy.ApiKeySecret;
import io.ringline.gateway.tenancy.Caller;
import io.ringline.gateway.tenancy.persistence.ApiKeyRepository;
import io.ringline.platform.security.CachedLookup;
import io.ringline.platform.security.SecretLookup;
import io.ringline.platform.security.ThrottleProperties;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Resolves {@code x-api-key} secrets to callers. Known keys are remembered for {@code ringline.gateway.auth-cache-ttl}
 * so a burst costs one database read (revocations made through this instance evict at once; other instances
 * notice within that time), and keys in use are read again together before that time runs out
 * ({@link CachedLookup}'s bulk reads); unknown keys for {@code ringline.security.failed-authentication.miss-ttl}, so
 * a flood of one wrong key costs no reads. A malformed key never reaches the database.
 */
@Component
class ApiKeyCache implements SecretLookup<Caller> {

    private final CachedLookup<Caller> byHash;

    ApiKeyCache(ApiKeyRepository keys, GatewayProperties props, ThrottleProperties throttle, MeterRegistry meters) {
        this.byHash = new CachedLookup<>("api-key", props.authCacheTtl(), throttle.missTtl(), 50_000,
                hash -> keys.findUsable(hash).map(Caller::of),
                hashes -> keys.findUsable(hashes).collectMap(ApiKey::keyHash, Caller::of), meters);
    }

    @Override
    public Optional<Caller> remembered(String secret) {
        return ApiKeySecret.parse(secret).flatMap(key -> byHash.remembered(key.hash()));
    }

    @Override
    public Mono<Caller> resolve(String secret) {
        return ApiKeySecret.parse(secret).map(key -> byHash.resolve(key.hash())).orElse(Mono.empty());
    }

    @EventListener
    void onRevoked(ApiKeyRevoked revoked) {
        revoked.keyHashes().forEach(byHash::forget);
    }
}
