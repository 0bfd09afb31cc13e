package io.ringline.gateway.ingress.meta;

import io.ringline.gateway.ingress.WebhookMetrics;
import io.ringline.platform.web.ApiException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Meta → Ringline webhooks: the subscription handshake ({@code GET}) and signed events ({@code POST}),
 * answered {@code 200} only after every signal is on Kafka, so Meta retries whatever we could not keep.
 */
@RestController
class MetaWebhookController {

    /** Meta's bodies carry SDPs; far below this, but the raw body must be bounded before it is hashed. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    record Received(boolean received) {
    }

    private final MetaIngress ingress;
    private final WebhookMetrics metrics;

    MetaWebhookController(MetaIngress ingress, WebhookMetrics metrics) {
        this.ingress = ingress;
        this.metrics = metrics;
    }

    @GetMapping("/webhooks/meta")
    Mono<ResponseEntity<String>> verify(@RequestParam(name = "hub.mode", required = false) String mode,
            @RequestParam(name = "hub.verify_token", required = false) String verifyToken,
            @RequestParam(name = "hub.challenge", required = false) String challenge) {
        if (!"subscribe".equals(mode) || challenge == null) {
            return Mono.error(forbidden());
        }
        return ingress.isKnownVerifyToken(verifyToken).flatMap(known -> known
                ? Mono.just(ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(challenge))
                : Mono.error(forbidden()));
    }

    @PostMapping("/webhooks/meta")
    Mono<Received> receive(ServerWebExchange exchange,
            @RequestHeader(name = MetaSignature.HEADER, required = false) String signature) {
        return DataBufferUtils.join(exchange.getRequest().getBody(), MAX_BODY_BYTES)
                .map(MetaWebhookController::drain)
                .onErrorMap(DataBufferLimitException.class, e -> {
                    metrics.count("META", WebhookMetrics.Outcome.INVALID);
                    return ApiException.invalid("body", "must be at most 1 MiB");
                })
                .defaultIfEmpty(new byte[0])
                .flatMap(body -> ingress.receive(body, signature))
                .thenReturn(new Received(true));
    }

    /** Meta only needs a non-200; the body is the API's error like every other refusal. */
    private static ApiException forbidden() {
        return new ApiException(HttpStatus.FORBIDDEN, "FORBIDDEN",
                "Not a subscription request with the verify token of a META number");
    }

    private static byte[] drain(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }
}
