package io.ringline.gateway.ingress.evogo;

import io.ringline.gateway.ingress.ProviderWebhookMetrics;
import io.ringline.gateway.web.JsonBodyReader;
import io.ringline.gateway.web.JsonFields;
import io.ringline.platform.web.ApiException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Evolution GO → Ringline webhooks. Answered {@code 200 {received:true}} only once the signal is on Kafka;
 * unknown instance or wrong token → 401 (without saying which); malformed → 400.
 */
@RestController
class EvoGoWebhookController {

    record Received(boolean received) {
    }

    private final EvoGoIngress ingress;
    private final JsonBodyReader bodies;
    private final ProviderWebhookMetrics metrics;

    EvoGoWebhookController(EvoGoIngress ingress, JsonBodyReader bodies, ProviderWebhookMetrics metrics) {
        this.ingress = ingress;
        this.bodies = bodies;
        this.metrics = metrics;
    }

    @PostMapping("/webhooks/evolution-go")
    Mono<Received> receive(ServerWebExchange exchange) {
        return bodies.read(exchange.getRequest())
                .map(body -> body.map(JsonFields::new)
                        .orElseThrow(() -> ApiException.invalid("body", "a JSON object is required")))
                .doOnError(ApiException.class, e -> metrics.count("EVO_GO", ProviderWebhookMetrics.Outcome.INVALID))
                .flatMap(ingress::receive)
                .thenReturn(new Received(true));
    }
}
