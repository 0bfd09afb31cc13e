package io.ringline.media.web;

import io.ringline.media.config.InternalProperties;
import io.ringline.platform.crypto.Hashing;
import io.ringline.platform.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Guards {@code /internal/**}: only callers holding the shared internal token (the gateway, which has
 * already authorised the tenant) may reach the live-call API. Compared in constant time.
 */
@Component
class InternalTokenFilter implements WebFilter {

    static final String HEADER = "x-internal-token";

    private final String token;

    InternalTokenFilter(InternalProperties props) {
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
        String presented = exchange.getRequest().getHeaders().getFirst(HEADER);
        if (!Hashing.constantTimeEquals(presented, token)) {
            return Mono.error(new ApiException(HttpStatus.UNAUTHORIZED, "UNAUTHORIZED",
                    "Missing or invalid internal token"));
        }
        return chain.filter(exchange);
    }
}
