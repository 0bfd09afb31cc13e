package io.ringline.gateway.layer.evogo;

import io.ringline.platform.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the GO layer's errors in GO's shape {@code {error}} with Ringline's status, as bytes — like the platform's
 * own error handler, and unlike a response entity, whose content negotiation left the answer without a body when
 * the {@code Accept} header could not be parsed (found by the abuse campaign). Runs before the platform handler.
 */
@Component
@Order(-3)
class GoLayerErrors implements WebExceptionHandler {

    /** An ApiException raised by the GO layer, to be answered in GO's shape. */
    static final class GoLayerException extends RuntimeException {
        private final ApiException cause;

        GoLayerException(ApiException cause) {
            super(cause.getMessage(), cause, false, false);
            this.cause = cause;
        }
    }

    private final JsonMapper json;

    GoLayerErrors(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (!(ex instanceof GoLayerException go) || exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        var response = exchange.getResponse();
        response.setStatusCode(go.cause.status());
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        (go.cause.headers() == null ? Map.<String, String>of() : go.cause.headers()).forEach(response.getHeaders()::set);
        byte[] body = json.writeValueAsString(new EvoGoLayerController.GoError(go.cause.getMessage()))
                .getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
