package io.ringline.platform.security;

import io.ringline.platform.web.ApiError;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the refusals of the security chain as JSON bodies, in the platform's {@link ApiError} shape unless a
 * credential answers in a provider's own shape (the Evolution GO layer).
 */
public final class SecurityErrors {

    /** The deny-by-default answer: the same body the router gives for a path it does not know. */
    public static final String NOT_FOUND = "NOT_FOUND";

    private final JsonMapper json;

    public SecurityErrors(JsonMapper json) {
        this.json = json;
    }

    public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String code, String message) {
        return writeBody(exchange, status, new ApiError(message, code, null), Map.of());
    }

    public Mono<Void> write(ServerWebExchange exchange, AccessRefusal refusal) {
        return write(exchange, refusal.status(), refusal.code(), refusal.message());
    }

    /** {@code 429 RATE_LIMITED} with {@code Retry-After} in whole seconds. */
    public Mono<Void> throttled(ServerWebExchange exchange, Duration retryAfter) {
        long seconds = retryAfterSeconds(retryAfter);
        return writeBody(exchange, HttpStatus.TOO_MANY_REQUESTS, new ApiError(
                "Too many failed authentications; retry after " + seconds + " s", "RATE_LIMITED", null),
                Map.of("Retry-After", String.valueOf(seconds)));
    }

    /**
     * Deny by default: a path no rule names is refused as if it did not exist ({@code 404 NOT_FOUND}, the
     * router's own body), so a scanner cannot tell an unguarded route from a missing one.
     */
    public Mono<Void> notFound(ServerWebExchange exchange) {
        var request = exchange.getRequest();
        return write(exchange, HttpStatus.NOT_FOUND, NOT_FOUND,
                "No route for " + request.getMethod() + " " + request.getPath());
    }

    /** Any JSON body (e.g. a provider's error shape) with the given status and extra headers. */
    public Mono<Void> writeBody(ServerWebExchange exchange, HttpStatus status, Object body, Map<String, String> headers) {
        var response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        headers.forEach((name, value) -> response.getHeaders().set(name, value));
        byte[] bytes = json.writeValueAsBytes(body);
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(bytes)));
    }

    /** A {@code Retry-After} value: whole seconds, rounded up, at least 1. */
    public static long retryAfterSeconds(Duration retryAfter) {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
