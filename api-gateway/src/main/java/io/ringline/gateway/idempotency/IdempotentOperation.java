package io.ringline.gateway.idempotency;

import java.util.Optional;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * The operation a request with an {@code Idempotency-Key} stands for ({@code op_<ULID>}), carried in the Reactor
 * context by {@link IdempotencyFilter}. Ids derived from it ({@link #derive}) are the same for every retry of that
 * request, also one that takes over the claim of a crashed instance, so a command it already sent is recognised
 * downstream instead of being carried out twice.
 */
public final class IdempotentOperation {

    static final String PREFIX = "op";
    private static final Object CONTEXT_KEY = IdempotentOperation.class;

    private IdempotentOperation() {
    }

    /** The operation's id for one kind of thing: {@code prefix_<ULID>}, the ULID being the operation's own. */
    public static String derive(String operationId, String prefix) {
        return prefix + operationId.substring(PREFIX.length());
    }

    /** The current operation, if the request has one. */
    public static Mono<Optional<String>> current() {
        return Mono.deferContextual(context -> Mono.just(context.<String>getOrEmpty(CONTEXT_KEY)));
    }

    static Context with(Context context, String operationId) {
        return context.put(CONTEXT_KEY, operationId);
    }
}
