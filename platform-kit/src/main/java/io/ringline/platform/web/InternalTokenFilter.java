package io.ringline.platform.web;

import io.ringline.platform.crypto.Hashing;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Guards {@code /internal/**}: those routes trust the tenant and number ids in their paths because only
 * Ringline's own services (the gateway, after authorising the caller) hold the shared internal token.
 * Compared in constant time; a missing or wrong token is {@code 401 UNAUTHORIZED}.
 */
public class InternalTokenFilter implements WebFilter {

    public static final String HEADER = "x-internal-token";

    private final String token;

    public InternalTokenFilter(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalStateException("ringline.internal-token (RINGLINE_INTERNAL_TOKEN) must be set");
        }
        this.token = token;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!path.equals("/internal") && !path.startsWith("/internal/")) {
            return chain.filter(exchange);
        }
        String presented = exchange.getRequest().getHeaders().getFirst(HEADER);
        if (!Hashing.constantTimeEquals(presented, token)) {
            return Mono.error(new ApiException(HttpStatus.UNAUTHORIZED, "UNAUTHORIZED",
                    "Missing or invalid internal token"));
        }
        return chain.filter(exchange);
    }

    @Override
    public String toString() {
        return "InternalTokenFilter[token=***]";
    }
}
