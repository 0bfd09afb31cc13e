package io.ringline.fanout.subscription;

import io.ringline.fanout.metrics.WebhookMetrics;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Applies what subscription transitions cause. {@link #apply} runs inside the caller's transaction: a
 * disabled endpoint's queued deliveries are cancelled so nothing more is sent to it (replay is how a
 * tenant gets them back). {@link #committed} runs after the commit, so a retried transaction is not
 * counted twice.
 */
@Component
public class SubscriptionEffects {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionEffects.class);

    private final PendingDeliveries pending;
    private final WebhookMetrics metrics;

    public SubscriptionEffects(PendingDeliveries pending, WebhookMetrics metrics) {
        this.pending = pending;
        this.metrics = metrics;
    }

    public Mono<Void> apply(List<SubscriptionEvent> events, Instant now) {
        return Flux.fromIterable(events).concatMap(event -> switch (event) {
            case SubscriptionEvent.Disabled d ->
                    pending.cancelAll(d.subscriptionId(), "endpoint disabled: " + d.reason(), now).then();
            case SubscriptionEvent.Reactivated r -> Mono.<Void>empty();
        }).then();
    }

    public void committed(List<SubscriptionEvent> events) {
        for (SubscriptionEvent event : events) {
            switch (event) {
                case SubscriptionEvent.Disabled d -> {
                    metrics.endpointDisabled(d.reason().name());
                    log.info("webhook endpoint disabled tenantId={} webhookId={} reason={}",
                            d.tenantId(), d.subscriptionId(), d.reason());
                }
                case SubscriptionEvent.Reactivated r -> log.info("webhook endpoint reactivated tenantId={} webhookId={}",
                        r.tenantId(), r.subscriptionId());
            }
        }
    }
}
