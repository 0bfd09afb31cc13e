package io.ringline.platform.security;

import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** How a credential's refusals are written: the route needs it and none came, a wrong one came, too many came. */
public interface CredentialRefusals {

    Mono<Void> missing(ServerWebExchange exchange);

    Mono<Void> invalid(ServerWebExchange exchange);

    Mono<Void> throttled(ServerWebExchange exchange, Duration retryAfter);

    /** The platform's shape: {@code 401 UNAUTHORIZED} with these messages, {@code 429 RATE_LIMITED}. */
    static CredentialRefusals json(SecurityErrors errors, String missingMessage, String invalidMessage) {
        return new CredentialRefusals() {
            @Override
            public Mono<Void> missing(ServerWebExchange exchange) {
                return errors.write(exchange, HttpStatus.UNAUTHORIZED, "UNAUTHORIZED",
                        missingMessage);
            }

            @Override
            public Mono<Void> invalid(ServerWebExchange exchange) {
                return errors.write(exchange, HttpStatus.UNAUTHORIZED, "UNAUTHORIZED",
                        invalidMessage);
            }

            @Override
            public Mono<Void> throttled(ServerWebExchange exchange, Duration retryAfter) {
                return errors.throttled(exchange, retryAfter);
            }
        };
    }
}
