package io.ringline.gateway.operator;

import io.ringline.gateway.config.GatewayProperties;
import io.ringline.platform.crypto.Hashing;
import io.ringline.platform.web.ApiException;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** Guards the operator surface {@code /admin/**} with the configured operator token (constant-time compare). */
@Component
class OperatorTokenFilter implements WebFilter, Ordered {

    static final String HEADER = "x-operator-token";

    private final String token;

    OperatorTokenFilter(GatewayProperties props) {
        this.token = props.operatorToken();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!path.equals("/admin") && !path.startsWith("/admin/")) {
            return chain.filter(exchange);
        }
        if (!Hashing.constantTimeEquals(exchange.getRequest().getHeaders().getFirst(HEADER), token)) {
            return Mono.error(new ApiException(HttpStatus.UNAUTHORIZED, "UNAUTHORIZED",
                    "Missing or wrong x-operator-token header"));
        }
        return chain.filter(exchange);
    }
}
