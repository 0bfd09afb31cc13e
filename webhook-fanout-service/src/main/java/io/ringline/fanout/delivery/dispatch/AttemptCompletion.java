package io.ringline.fanout.delivery.dispatch;

import io.ringline.fanout.config.FanoutProperties;
import io.ringline.fanout.delivery.AttemptResult;
import io.ringline.fanout.delivery.ClaimedDelivery;
import io.ringline.fanout.delivery.Delivery;
import io.ringline.fanout.delivery.DeliveryEvent;
import io.ringline.fanout.delivery.RetryPolicy;
import io.ringline.fanout.delivery.persistence.AttemptLog;
import io.ringline.fanout.delivery.persistence.DeliveryRepository;
import io.ringline.fanout.metrics.WebhookMetrics;
import io.ringline.fanout.subscription.DisableReason;
import io.ringline.fanout.subscription.Subscription;
import io.ringline.fanout.subscription.SubscriptionEffects;
import io.ringline.fanout.subscription.SubscriptionEvent;
import io.ringline.fanout.subscription.persistence.SubscriptionRepository;
import io.ringline.platform.persistence.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Records one finished attempt in one transaction: the attempt log row, the delivery's new state, the
 * endpoint's health (last triggered, failure streak) and, on 410 or a failure streak that lasted too
 * long, the subscription's disabling. Metrics and the outcome log line follow the commit.
 */
@Component
class AttemptCompletion {

    private static final Logger log = LoggerFactory.getLogger(AttemptCompletion.class);

    private record Outcome(Delivery delivery, DeliveryEvent event, boolean leaseHeld,
            List<SubscriptionEvent> subscriptionEvents) {
    }

    private final Transactions transactions;
    private final AttemptLog attempts;
    private final DeliveryRepository deliveries;
    private final SubscriptionRepository subscriptions;
    private final SubscriptionEffects effects;
    private final RetryPolicy retryPolicy;
    private final WebhookMetrics metrics;
    private final Clock clock;
    private final Duration disableAfter;

    AttemptCompletion(Transactions transactions, AttemptLog attempts, DeliveryRepository deliveries,
            SubscriptionRepository subscriptions, SubscriptionEffects effects, RetryPolicy retryPolicy,
            WebhookMetrics metrics, Clock clock, FanoutProperties props) {
        this.transactions = transactions;
        this.attempts = attempts;
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.effects = effects;
        this.retryPolicy = retryPolicy;
        this.metrics = metrics;
        this.clock = clock;
        this.disableAfter = props.delivery().disableAfterFailingFor();
    }

    Mono<Void> complete(ClaimedDelivery claimed, AttemptResult result) {
        Instant now = clock.instant();
        String subscriptionId = claimed.delivery().subscriptionId();
        return transactions.inTransaction(() -> {
                    // Rebuilt from the claimed snapshot on every try, so a retried transaction starts clean.
                    Delivery delivery = Delivery.restore(claimed.delivery());
                    DeliveryEvent event = delivery.recordAttempt(result, now, retryPolicy);
                    // The subscription row is locked first, as a tenant's PATCH does, so the two cannot deadlock.
                    return subscriptions.noteAttempt(subscriptionId, event instanceof DeliveryEvent.Delivered,
                                    result.attemptedAt())
                            .flatMap(failingSince -> attempts
                                    .append(delivery.snapshot().id(), subscriptionId, event.attempt(), result)
                                    .then(deliveries.saveOutcome(delivery, claimed.leaseToken()))
                                    .flatMap(leaseHeld -> leaseHeld
                                            ? disableIfDue(subscriptionId, event, failingSince, now)
                                                    .map(subEvents -> new Outcome(delivery, event, true, subEvents))
                                            : Mono.just(new Outcome(delivery, event, false, List.of()))));
                })
                .doOnNext(outcome -> committed(result, outcome))
                .then();
    }

    /** 410, or a failure streak that lasted too long, switches the endpoint off. */
    private Mono<List<SubscriptionEvent>> disableIfDue(String subscriptionId, DeliveryEvent event,
            Optional<Instant> failingSince, Instant now) {
        Optional<DisableReason> reason = switch (event) {
            case DeliveryEvent.Delivered d -> Optional.empty();
            case DeliveryEvent.EndpointGone g -> Optional.of(DisableReason.GONE);
            case DeliveryEvent.RetryScheduled r -> failingTooLong(failingSince, now);
            case DeliveryEvent.GaveUp g -> failingTooLong(failingSince, now);
        };
        if (reason.isEmpty()) {
            return Mono.just(List.of());
        }
        return subscriptions.findById(subscriptionId).flatMap(subscription -> {
            List<SubscriptionEvent> events = subscription.disable(reason.get(), now);
            return subscriptions.update(subscription).then(effects.apply(events, now)).thenReturn(events);
        }).defaultIfEmpty(List.of());
    }

    private Optional<DisableReason> failingTooLong(Optional<Instant> failingSince, Instant now) {
        return Subscription.failingTooLong(failingSince.orElse(null), now, disableAfter)
                ? Optional.of(DisableReason.FAILING)
                : Optional.empty();
    }

    private void committed(AttemptResult result, Outcome outcome) {
        Delivery.Snapshot d = outcome.delivery().snapshot();
        DeliveryEvent event = outcome.event();
        metrics.attempt(result.duration(), event instanceof DeliveryEvent.Delivered, result.statusCode());
        if (!outcome.leaseHeld()) {
            log.warn("webhook attempt finished after its lease was lost; another instance owns it now tenantId={} "
                            + "webhookId={} eventId={} deliveryId={} attempt={} statusCode={}", d.tenantId(),
                    d.subscriptionId(), d.eventId(), d.id(), event.attempt(), result.statusCode());
            return;
        }
        String outcomeName = switch (event) {
            case DeliveryEvent.Delivered x -> "delivered";
            case DeliveryEvent.RetryScheduled x -> "retry_scheduled";
            case DeliveryEvent.GaveUp x -> "failed";
            case DeliveryEvent.EndpointGone x -> "endpoint_gone";
        };
        if (!(event instanceof DeliveryEvent.RetryScheduled)) {
            metrics.deliveryFinished(outcomeName, d.event().wire());
        }
        log.info("webhook attempt outcome={} tenantId={} webhookId={} eventId={} event={} deliveryId={} attempt={} "
                        + "status={} statusCode={} durationMs={} nextAttemptAt={} error={}",
                outcomeName, d.tenantId(), d.subscriptionId(), d.eventId(), d.event().wire(), d.id(), event.attempt(),
                d.status(), result.statusCode(), result.duration().toMillis(),
                event instanceof DeliveryEvent.RetryScheduled r ? r.nextAttemptAt() : null, result.error());
        effects.committed(outcome.subscriptionEvents());
    }
}
