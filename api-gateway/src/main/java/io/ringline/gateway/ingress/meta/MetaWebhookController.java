package io.ringline.gateway.ingress.meta;

import io.ringline.gateway.ingress.IngressProperties;
import io.ringline.gateway.ingress.ProviderWebhookMetrics;
import io.ringline.gateway.web.BoundedBody;
import io.ringline.platform.web.ApiException;
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

    record Received(boolean received) {
    }

    private final MetaIngress ingress;
    private final ProviderWebhookMetrics metrics;
    /** Meta's bodies carry SDPs, far below this, but the raw body must be bounded before it is hashed. */
    private final long maxBodyBytes;

    MetaWebhookController(MetaIngress ingress, ProviderWebhookMetrics metrics, IngressProperties props) {
        this.ingress = ingress;
        this.metrics = metrics;
        this.maxBodyBytes = props.maxBodySize().toBytes();
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
        return BoundedBody.read(exchange.getRequest(), maxBodyBytes)
                .doOnError(ApiException.class, e -> metrics.count("META", ProviderWebhookMetrics.Outcome.INVALID))
                .flatMap(body -> ingress.receive(body, signature))
                .thenReturn(new Received(true));
    }

    /** Meta only needs a non-200; the body is the API's error like every other refusal. */
    private static ApiException forbidden() {
        return new ApiException(HttpStatus.FORBIDDEN, "FORBIDDEN",
                "Not a subscription request with the verify token of a META number");
    }
}
