package io.ringline.fanout.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The fan-out's meters, named for the questions an operator asks about webhook delivery. Every combination a
 * dashboard or alert reads exists from start-up at zero, so a healthy platform shows 0, not "No data". It knows
 * no domain type (the event names, disable reasons and unsaved attempts' reasons come from its bean method), so every feature may use it.
 */
public class WebhookMetrics {

    private final MeterRegistry registry;

    public WebhookMetrics(MeterRegistry registry, Collection<String> events, Collection<String> disableReasons,
            Collection<String> unsavedReasons) {
        this.registry = registry;
        for (String outcome : List.of("delivered", "failed", "endpoint_gone")) {
            for (String event : events) {
                deliveries(outcome, event);
            }
        }
        attempts(true, "2xx");
        for (String statusClass : List.of("none", "3xx", "4xx", "5xx")) {
            attempts(false, statusClass);
        }
        for (String reason : disableReasons) {
            endpointsDisabled(reason);
        }
        for (String reason : unsavedReasons) {
            unsaved(reason);
        }
        eventBatches();
        claims(true);
        claims(false);
        launchedCreated();
    }

    /** Registers the gauge of attempts running in this instance (sent and not yet recorded, or holding a slot). */
    public void attemptsInFlight(java.util.function.Supplier<Number> attempts) {
        io.micrometer.core.instrument.Gauge.builder("ringline.webhook.attempts.in.flight", attempts)
                .description("Attempts this instance runs now, from their lease until they are recorded")
                .register(registry);
    }

    /** {@code deliveries} a call-events poll created were leased in its own transaction and sent without a claim. */
    public void launchedCreated(int deliveries) {
        launchedCreated().increment(deliveries);
    }

    private Counter launchedCreated() {
        return Counter.builder("ringline.webhook.launched.created")
                .description("Deliveries sent straight from the call-events transaction that created them, without "
                        + "a claim round (the rest wait in the queue for a claim)")
                .baseUnit("deliveries")
                .register(registry);
    }

    /** One claim round of the dispatcher (a database statement), which leased deliveries or found none due. */
    public void claimRound(boolean found) {
        claims(found).increment();
    }

    private Counter claims(boolean found) {
        return Counter.builder("ringline.webhook.claims")
                .description("Claim rounds of the dispatcher (one statement each), by whether they leased anything")
                .tag("outcome", found ? "found" : "empty")
                .register(registry);
    }

    /** One transaction wrote the fan-out of {@code events} call events (a poll's worth, duplicates included). */
    public void eventBatch(int events) {
        eventBatches().record(events);
    }

    private DistributionSummary eventBatches() {
        return DistributionSummary.builder("ringline.webhook.event.batch")
                .description("Call events fanned out per database transaction (its count is the transactions)")
                .baseUnit("events")
                .register(registry);
    }

    /** A delivery reached a final outcome: {@code delivered}, {@code failed} (gave up) or {@code endpoint_gone}. */
    public void deliveryFinished(String outcome, String event) {
        deliveries(outcome, event).increment();
    }

    private Counter deliveries(String outcome, String event) {
        return Counter.builder("ringline.webhook.deliveries")
                .description("Webhook deliveries that reached a final outcome")
                .tag("outcome", outcome)
                .tag("event", event)
                .register(registry);
    }

    /** One HTTP attempt, successful (2xx) or not; {@code statusCode} null when no response came back. */
    public void attempt(Duration duration, boolean success, Integer statusCode) {
        attempts(success, statusCode == null ? "none" : (statusCode / 100) + "xx").record(duration);
    }

    private Timer attempts(boolean success, String statusClass) {
        return Timer.builder("ringline.webhook.attempt")
                .description("Duration of webhook delivery attempts")
                .tag("outcome", success ? "success" : "failure")
                .tag("status_class", statusClass)
                .register(registry);
    }

    /**
     * An attempt finished but its outcome was not saved: {@code webhook_deleted}, {@code delivery_cancelled} (both
     * expected when a tenant deletes or an endpoint is disabled mid-attempt), {@code lease_lost} (trouble: the
     * delivery goes out again) or {@code unknown}.
     */
    public void attemptUnsaved(String reason) {
        unsaved(reason).increment();
    }

    private Counter unsaved(String reason) {
        return Counter.builder("ringline.webhook.attempts.unsaved")
                .description("Finished webhook attempts whose outcome was not saved, by why")
                .tag("reason", reason)
                .register(registry);
    }

    public void endpointDisabled(String reason) {
        endpointsDisabled(reason).increment();
    }

    private Counter endpointsDisabled(String reason) {
        return Counter.builder("ringline.webhook.endpoints.disabled")
                .description("Subscriptions switched off (410 Gone, failing too long, or by the tenant)")
                .tag("reason", reason.toLowerCase(Locale.ROOT))
                .register(registry);
    }
}
