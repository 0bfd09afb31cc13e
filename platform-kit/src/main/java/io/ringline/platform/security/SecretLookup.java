package io.ringline.platform.security;

import java.util.Optional;
import reactor.core.publisher.Mono;

/** Resolves a presented secret to the principal it stands for. */
public interface SecretLookup<P> {

    /**
     * The principal when memory alone knows the secret is valid (a cache hit), without any I/O. Such a caller
     * is not subject to failed-authentication throttling: the throttle guards storage, not known keys.
     */
    default Optional<P> remembered(String secret) {
        return Optional.empty();
    }

    /** The principal; empty when the secret is unknown, malformed or revoked. May read storage. */
    Mono<P> resolve(String secret);
}
