package io.ringline.platform.security;

import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spring Security's {@link StrictServerWebExchangeFirewall} (methods, header names and values, {@code ;},
 * encoded {@code /}, {@code .}, {@code %}, {@code //}, dot segments, backslashes, NUL/CR/LF) plus
 * {@link CanonicalPaths}: no percent-escaped unreserved characters such as {@code %61} (which decoding would
 * turn into a different route), no control or non-ASCII characters, at most
 * {@value CanonicalPaths#MAX_LENGTH} characters. Runs before any filter of the chain and before any handler.
 */
public final class CanonicalPathFirewall implements ServerWebExchangeFirewall {

    private final StrictServerWebExchangeFirewall strict = new StrictServerWebExchangeFirewall();

    @Override
    public Mono<ServerWebExchange> getFirewalledExchange(ServerWebExchange exchange) {
        return Mono.defer(() -> {
            String problem = CanonicalPaths.problem(exchange.getRequest().getURI().getRawPath());
            if (problem != null) {
                return Mono.error(new NonCanonicalPathException(problem));
            }
            return strict.getFirewalledExchange(exchange);
        });
    }
}
