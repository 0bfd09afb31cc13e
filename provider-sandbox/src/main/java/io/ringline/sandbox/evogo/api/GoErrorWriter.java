package io.ringline.sandbox.evogo.api;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Writes {@code {error}} responses from the GO API filter, which runs before any controller. */
@Component
class GoErrorWriter {

    private final JsonMapper json;

    GoErrorWriter(JsonMapper json) {
        this.json = json;
    }

    Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String message) {
        var response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        byte[] body = json.writeValueAsBytes(new GoError(message));
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
