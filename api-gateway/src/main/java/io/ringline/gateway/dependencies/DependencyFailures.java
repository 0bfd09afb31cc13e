package io.ringline.gateway.dependencies;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import io.ringline.platform.web.ApiException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Turns "a dependency is not there" into {@code 503 SERVICE_UNAVAILABLE} with {@code Retry-After} (and
 * {@code details.retryAfterSeconds}) instead of a {@code 500}: PostgreSQL refused, closed or timed out (pool
 * acquire, connect, statement), or a Kafka client gave up. Every {@code SERVICE_UNAVAILABLE} raised elsewhere
 * (command bus, webhook ingress, internal services) gets the same header. Runs before the other handlers and
 * hands them the mapped error, so the body keeps each route's shape.
 */
@Component
@Order(-4)
class DependencyFailures implements WebExceptionHandler {

    static final String CODE = "SERVICE_UNAVAILABLE";
    private static final Logger log = LoggerFactory.getLogger(DependencyFailures.class);

    private final long retryAfterSeconds;

    DependencyFailures(DependencyProperties props) {
        this.retryAfterSeconds = props.retryAfter().toSeconds();
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (ex instanceof ApiException api) {
            boolean bare = CODE.equals(api.code())
                    && (api.headers() == null || !api.headers().containsKey(HttpHeaders.RETRY_AFTER));
            return Mono.error(bare ? unavailable(api.getMessage(), api.details(), api.headers()) : api);
        }
        if (isDependencyFailure(ex)) {
            log.warn("{} {} answered 503: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                    rootCause(ex).toString());
            return Mono.error(unavailable("Ringline is temporarily unavailable; try again", null, null));
        }
        return Mono.error(ex);
    }

    private ApiException unavailable(String message, Map<String, Object> details, Map<String, String> headers) {
        Map<String, Object> body = new LinkedHashMap<>(details == null ? Map.of() : details);
        body.put("retryAfterSeconds", retryAfterSeconds);
        Map<String, String> head = new LinkedHashMap<>(headers == null ? Map.of() : headers);
        head.put(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds));
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, CODE, message, body, head);
    }

    /** True when something in the cause chain says the database or the broker could not be used. */
    static boolean isDependencyFailure(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessResourceException
                    || t instanceof QueryTimeoutException || t instanceof CannotCreateTransactionException
                    || t instanceof R2dbcNonTransientResourceException || t instanceof R2dbcTransientResourceException
                    || t instanceof R2dbcTimeoutException || t instanceof ConnectException
                    || t instanceof ClosedChannelException || t instanceof TimeoutException
                    || t instanceof org.apache.kafka.common.errors.TimeoutException
                    || t.getClass().getName().startsWith("io.r2dbc.pool.")) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable ex) {
        Throwable t = ex;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
