package io.ringline.fanout.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** The fan-out's meters, named for the questions an operator asks about webhook delivery. */
@Component
public class WebhookMetrics {

    private final MeterRegistry registry;

    public WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A delivery reached a final outcome: {@code delivered}, {@code failed} (gave up) or {@code endpoint_gone}. */
    public void deliveryFinished(String outcome, String event) {
        Counter.builder("ringline.webhook.deliveries")
                .description("Webhook deliveries that reached a final outcome")
                .tag("outcome", outcome)
                .tag("event", event)
                .register(registry)
                .increment();
    }

    /** One HTTP attempt, successful (2xx) or not; {@code statusCode} null when no response came back. */
    public void attempt(Duration duration, boolean success, Integer statusCode) {
        Timer.builder("ringline.webhook.attempt")
                .description("Duration of webhook delivery attempts")
                .tag("outcome", success ? "success" : "failure")
                .tag("status_class", statusCode == null ? "none" : (statusCode / 100) + "xx")
                .register(registry)
                .record(duration);
    }

    public void endpointDisabled(String reason) {
        Counter.builder("ringline.webhook.endpoints.disabled")
                .description("Subscriptions switched off (410 Gone, failing too long, or by the tenant)")
                .tag("reason", reason.toLowerCase(Locale.ROOT))
                .register(registry)
                .increment();
    }
}
