package io.ringline.sandbox.delivery;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.sandbox.sim.call.WebhookEntry;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/** Posts one webhook over HTTP, retrying as the provider would, recording every attempt. Never errors. */
@Component
class ProviderWebhookSender {

    /** The journal's error for a webhook the {@code dropWebhooksPercent} fault kept from being sent. */
    static final String DROPPED = "dropped by the dropWebhooksPercent fault";

    private final WebClient client;
    private final WebhookProperties properties;
    private final MeterRegistry registry;
    private final Clock clock;

    ProviderWebhookSender(WebClient client, WebhookProperties properties, MeterRegistry registry, Clock clock) {
        this.client = client;
        this.properties = properties;
        this.registry = registry;
        this.clock = clock;
    }

    Mono<Void> deliver(OutboundWebhook webhook) {
        return attempt(webhook, 1);
    }

    /** Journals a webhook that is never sent (the provider lost it). */
    void dropped(OutboundWebhook webhook) {
        if (webhook.journal() != null) {
            webhook.journal().webhook(new WebhookEntry(webhook.event(), clock.instant(), null, DROPPED, 1));
        }
        count(webhook, "dropped");
    }

    private Mono<Void> attempt(OutboundWebhook webhook, int attempt) {
        return post(webhook)
                .doOnNext(result -> record(webhook, attempt, result))
                .flatMap(result -> result.succeeded() || attempt >= properties.maxAttempts(webhook.provider())
                        ? Mono.<Void>empty()
                        : Mono.delay(backoff(attempt)).then(Mono.defer(() -> attempt(webhook, attempt + 1))));
    }

    private Mono<ProviderWebhookAttempt> post(OutboundWebhook webhook) {
        return client.post()
                .uri(webhook.url())
                .headers(headers -> webhook.headers().forEach(headers::set))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(webhook.body())
                .exchangeToMono(response -> response.releaseBody()
                        .thenReturn(ProviderWebhookAttempt.answered(response.statusCode().value())))
                .timeout(properties.timeout())
                .onErrorResume(error -> Mono.just(ProviderWebhookAttempt.failed(describe(error))));
    }

    private Duration backoff(int attempt) {
        return properties.backoff(attempt);
    }

    private void record(OutboundWebhook webhook, int attempt, ProviderWebhookAttempt result) {
        if (webhook.journal() != null) {
            webhook.journal().webhook(
                    new WebhookEntry(webhook.event(), clock.instant(), result.status(), result.error(), attempt));
        }
        count(webhook, result.outcome());
    }

    private void count(OutboundWebhook webhook, String outcome) {
        Counter.builder("ringline.sandbox.webhooks.sent")
                .description("Webhook delivery attempts by the simulated providers")
                .tag("provider", webhook.provider().tag())
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message != null ? ": " + message : "");
    }
}
