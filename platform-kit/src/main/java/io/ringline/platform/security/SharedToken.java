package io.ringline.platform.security;

import io.ringline.platform.crypto.Hashing;
import reactor.core.publisher.Mono;

/**
 * A secret shared through configuration (the internal token, the operator token): the presented value must
 * equal it, compared in constant time; the principal is a fixed name.
 */
public final class SharedToken implements SecretLookup<String> {

    private final String token;
    private final String principal;

    public SharedToken(String token, String principal, String property) {
        if (token == null || token.isBlank()) {
            throw new IllegalStateException(property + " must be set");
        }
        this.token = token;
        this.principal = principal;
    }

    @Override
    public Mono<String> resolve(String secret) {
        return Hashing.constantTimeEquals(secret, token) ? Mono.just(principal) : Mono.empty();
    }

    @Override
    public String toString() {
        return "SharedToken[" + principal + ", token=***]";
    }
}
