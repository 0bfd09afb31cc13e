package io.ringline.sandbox.meta.api;

import io.ringline.sandbox.meta.GraphException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Writes Graph errors from {@link GraphFilter}, which runs before any controller. */
@Component
class GraphErrorWriter {

    private final JsonMapper json;

    GraphErrorWriter(JsonMapper json) {
        this.json = json;
    }

    Mono<Void> write(ServerWebExchange exchange, GraphException error) {
        var response = exchange.getResponse();
        response.setStatusCode(GraphErrorBody.statusOf(error));
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        byte[] body = json.writeValueAsBytes(GraphErrorBody.of(error));
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
