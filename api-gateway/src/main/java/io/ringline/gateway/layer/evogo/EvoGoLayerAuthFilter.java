package io.ringline.gateway.layer.evogo;

import io.ringline.gateway.auth.ApiKeyAuthenticationFilter;
import io.ringline.gateway.auth.Caller;
import io.ringline.gateway.tenancy.ApiKeyScope;
import io.ringline.gateway.tenancy.persistence.NumberRepository;
import io.ringline.gateway.tenancy.persistence.NumberRepository.EvoGoRoute;
import io.ringline.platform.crypto.Hashing;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Authenticates the Evolution GO compatibility layer (SPEC §6.4) as GO itself would: header {@code apikey}
 * = the number's GO instance token, found by its SHA-256 (so the secret is never compared byte by byte
 * against stored values) and confirmed in constant time. The number becomes a number-scoped
 * {@link Caller}, so the layer shares rate limiting and {@code Idempotency-Key} with {@code /v1/calls}.
 * Refusals use GO's error shape {@code {error}}.
 */
@Component
class EvoGoLayerAuthFilter implements WebFilter, Ordered {

    static final String PREFIX = "/api/layer/evolution-go";
    static final String HEADER = "apikey";
    private static final Logger log = LoggerFactory.getLogger(EvoGoLayerAuthFilter.class);

    private final NumberRepository numbers;

    EvoGoLayerAuthFilter(NumberRepository numbers) {
        this.numbers = numbers;
    }

    @Override
    public int getOrder() {
        // After the /v1 key filter (which ignores these paths), before rate limiting, which needs the caller.
        return ApiKeyAuthenticationFilter.ORDER + 50;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!path.equals(PREFIX) && !path.startsWith(PREFIX + "/")) {
            return chain.filter(exchange);
        }
        String token = exchange.getRequest().getHeaders().getFirst(HEADER);
        if (token == null || token.isBlank()) {
            return refuse(exchange, "missing apikey header");
        }
        String hash = Hashing.sha256Hex(token.strip());
        return numbers.findLiveEvoGoByInstanceTokenHash(hash).collectList().flatMap(routes -> {
            if (routes.size() > 1) {
                // Two live numbers share a token: acting for either could act for the wrong tenant.
                log.warn("{} Evolution GO numbers share one instance token; refusing the layer request", routes.size());
                return refuse(exchange, "invalid apikey");
            }
            EvoGoRoute route = routes.isEmpty() ? null : routes.getFirst();
            if (route == null || !Hashing.constantTimeEquals(route.instanceTokenHash(), hash)) {
                return refuse(exchange, "invalid apikey");
            }
            var number = route.number();
            exchange.getAttributes().put(Caller.ATTRIBUTE,
                    new Caller("evogo-layer:" + number.id(), number.tenantId(), ApiKeyScope.NUMBER, number.id()));
            return chain.filter(exchange);
        });
    }

    private static Mono<Void> refuse(ServerWebExchange exchange, String message) {
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatus.UNAUTHORIZED);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        byte[] body = ("{\"error\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
