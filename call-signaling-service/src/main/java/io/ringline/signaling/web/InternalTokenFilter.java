package io.ringline.signaling.web;

import io.ringline.platform.crypto.Hashing;
import io.ringline.platform.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** {@code /internal/**} is for Ringline's own services: they prove it with the shared internal token. */
@Component
class InternalTokenFilter implements WebFilter {

    static final String HEADER = "x-internal-token";

    private final String token;

    InternalTokenFilter(InternalApiProperties props) {
        if (props.internalToken() == null || props.internalToken().isBlank()) {
            throw new IllegalStateException("ringline.internal-token (RINGLINE_INTERNAL_TOKEN) must be set");
        }
        this.token = props.internalToken();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!path.equals("/internal") && !path.startsWith("/internal/")) {
            return chain.filter(exchange);
        }
        if (!Hashing.constantTimeEquals(token, exchange.getRequest().getHeaders().getFirst(HEADER))) {
            return Mono.error(new ApiException(HttpStatus.UNAUTHORIZED, "UNAUTHORIZED",
                    "Missing or invalid " + HEADER));
        }
        return chain.filter(exchange);
    }
}
