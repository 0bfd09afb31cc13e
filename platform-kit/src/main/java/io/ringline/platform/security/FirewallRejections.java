package io.ringline.platform.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Answers what the firewall refuses: a path not in canonical form → {@code 400 INVALID_PATH} (saying which
 * rule, never echoing the path); a refused method, header or parameter → {@code 400 INVALID_REQUEST}.
 */
public final class FirewallRejections implements ServerExchangeRejectedHandler {

    public static final String INVALID_PATH = "INVALID_PATH";
    private static final Logger log = LoggerFactory.getLogger(FirewallRejections.class);

    private final SecurityErrors errors;

    public FirewallRejections(SecurityErrors errors) {
        this.errors = errors;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejected) {
        log.debug("firewall refused {} {}: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                rejected.getMessage());
        if (rejected instanceof NonCanonicalPathException) {
            return errors.write(exchange, HttpStatus.BAD_REQUEST, INVALID_PATH, rejected.getMessage());
        }
        // The strict firewall's own URL rules are a subset of CanonicalPaths; its messages echo the input.
        if (rejected.getMessage() != null && rejected.getMessage().contains("URL")) {
            return errors.write(exchange, HttpStatus.BAD_REQUEST, INVALID_PATH,
                    "The request path is not in canonical form");
        }
        return errors.write(exchange, HttpStatus.BAD_REQUEST, "INVALID_REQUEST",
                "The request was refused: its method, a header or a query parameter is not allowed");
    }
}
