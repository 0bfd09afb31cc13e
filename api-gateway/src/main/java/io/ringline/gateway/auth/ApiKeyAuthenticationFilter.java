package io.ringline.gateway.auth;

import io.ringline.gateway.tenancy.ApiKeySecret;
import io.ringline.platform.web.ApiException;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Authenticates every {@code /v1/**} request by its {@code x-api-key} and enforces the key's scope, so no
 * controller runs for a caller it should not serve. The caller is passed on as a request attribute.
 */
@Component
public class ApiKeyAuthenticationFilter implements WebFilter, Ordered {

    public static final String HEADER = "x-api-key";
    /** Runs before everything else on the public API (rate limiting and idempotency need the caller). */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

    private final ApiKeyCache keys;

    ApiKeyAuthenticationFilter(ApiKeyCache keys) {
        this.keys = keys;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!path.equals("/v1") && !path.startsWith("/v1/")) {
            return chain.filter(exchange);
        }
        String header = exchange.getRequest().getHeaders().getFirst(HEADER);
        if (header == null || header.isBlank()) {
            return Mono.error(unauthorized("Missing x-api-key header"));
        }
        Optional<ApiKeySecret> secret = ApiKeySecret.parse(header.strip());
        if (secret.isEmpty()) {
            return Mono.error(unauthorized("Invalid API key"));
        }
        return keys.resolve(secret.get().hash())
                .switchIfEmpty(Mono.error(() -> unauthorized("Invalid API key")))
                .flatMap(caller -> {
                    Optional<ApiException> forbidden = ScopeRules.check(path, caller.scope());
                    if (forbidden.isPresent()) {
                        return Mono.error(forbidden.get());
                    }
                    exchange.getAttributes().put(Caller.ATTRIBUTE, caller);
                    return chain.filter(exchange);
                });
    }

    private static ApiException unauthorized(String message) {
        return new ApiException(HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", message);
    }
}
