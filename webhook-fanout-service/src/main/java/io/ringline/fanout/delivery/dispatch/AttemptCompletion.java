package io.ringline.fanout.delivery.dispatch;

import io.ringline.fanout.config.FanoutProperties;
import io.ringline.fanout.delivery.AttemptResult;
import io.ringline.fanout.delivery.ClaimedDelivery;
import io.ringline.fanout.delivery.Delivery;
import io.ringline.fanout.delivery.DeliveryEvent;
import io.ringline.fanout.delivery.RetryPolicy;
import io.ringline.fanout.delivery.persistence.AttemptLog;
import io.ringline.fanout.delivery.persistence.DeliveryRepository;
import io.ringline.fanout.delivery.persistence.DeliveryRepository.LeasedOutcome;
import io.ringline.fanout.metrics.WebhookMetrics;
import io.ringline.fanout.subscription.AttemptStreak;
import io.ringline.fanout.subscription.DisableReason;
import io.ringline.fanout.subscription.Subscription;
import io.ringline.fanout.subscription.SubscriptionEffects;
import io.ringline.fanout.subscription.SubscriptionEvent;
import io.ringline.fanout.subscription.persistence.SubscriptionRepository;
import io.ringline.platform.persistence.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Records finished attempts, many per transaction (a group commit of at most {@code delivery.record-batch-size}):
 * the attempt log rows, the deliveries' new states, the endpoints' health (last triggered, failure streak) and,
 * on 410 or a failure streak that lasted too long, the subscription's disabling. A batch commits or rolls back
 * whole: an attempt whose batch failed is not recorded at all, its delivery keeps its lease and is sent again,
 * with the same {@code webhook-id}, when the lease runs out. Metrics and the per-attempt log line (DEBUG: the
 * metrics keep the counts) follow the commit. Statements a batch: the endpoints' lock (only when it holds more than
 * one endpoint: its order is what prevents deadlocks), their health, then the attempt log and the outcomes in one.
 */
@Component
class AttemptCompletion {

    private static final Logger log = LoggerFactory.getLogger(AttemptCompletion.class);

    /** One attempt that finished, waiting to be recorded; {@code finishedAt} is when retries are scheduled from. */
    record Finished(ClaimedDelivery claimed, AttemptResult result, Instant finishedAt) {
    }

    private record Applied(Finished finished, Delivery delivery, DeliveryEvent event) {

        String subscriptionId() {
            return delivery.snapshot().subscriptionId();
        }

        boolean success() {
            return event instanceof DeliveryEvent.Delivered;
        }
    }

    private record Recorded(List<Applied> applied, Set<String> leaseHeld, List<SubscriptionEvent> subscriptionEvents) {
    }

    private final Transactions transactions;
    private final DeliveryRepository deliveries;
    private final SubscriptionRepository subscriptions;
    private final SubscriptionEffects effects;
    private final RetryPolicy retryPolicy;
    private final WebhookMetrics metrics;
    private final Clock clock;
    private final Duration disableAfter;
    private final Duration recordTimeout;
    private final GroupCommit<Finished> batches;

    AttemptCompletion(Transactions transactions, DeliveryRepository deliveries,
            SubscriptionRepository subscriptions, SubscriptionEffects effects, RetryPolicy retryPolicy,
            WebhookMetrics metrics, Clock clock, FanoutProperties props) {
        this.transactions = transactions;
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.effects = effects;
        this.retryPolicy = retryPolicy;
        this.metrics = metrics;
        this.clock = clock;
        this.disableAfter = props.delivery().disableAfterFailingFor();
        this.recordTimeout = props.delivery().lease();
        this.batches = new GroupCommit<>(props.delivery().recordBatchSize(), this::recordBatch);
    }

    /** Completes once the attempt is recorded (with the others of its batch); fails if its batch could not be. */
    Mono<Void> complete(ClaimedDelivery claimed, AttemptResult result) {
        return Mono.defer(() -> batches.submit(new Finished(claimed, result, clock.instant())));
    }

    /** Records one batch in one transaction; the group commit's writer, package-private for tests. */
    Mono<Void> recordBatch(List<Finished> batch) {
        Instant now = clock.instant();
        return transactions.inTransaction(() -> {
                    // Rebuilt from the claimed snapshots on every try, so a retried transaction starts clean.
                    List<Applied> applied = batch.stream().map(f -> {
                        Delivery delivery = Delivery.restore(f.claimed().delivery());
                        return new Applied(f, delivery, delivery.recordAttempt(f.result(), f.finishedAt(), retryPolicy));
                    }).toList();
                    // Lock order (docs/webhooks.md, "Lock order"): the subscription rows first (in id order, FOR NO KEY
                    // UPDATE), then the deliveries and, in the same statement, the attempt log (KEY SHARE on them);
                    // disabling touches only subscriptions already locked here, then their deliveries. A tenant's PATCH, a replay and a
                    // manual retry take the subscription first too; the call-events insert's KEY SHARE does not wait.
                    List<LeasedOutcome> outcomes = applied.stream()
                            .map(a -> new LeasedOutcome(a.delivery(), a.finished().claimed().leaseToken()))
                            .toList();
                    List<AttemptLog.NewEntry> logged = applied.stream()
                            .map(a -> new AttemptLog.NewEntry(a.delivery().snapshot().id(), a.subscriptionId(),
                                    a.event().attempt(), a.finished().result()))
                            .toList();
                    return subscriptions.noteAttempts(streaks(applied))
                            .flatMap(failingSince -> deliveries.saveOutcomes(outcomes, logged)
                                    .flatMap(held -> disableWhereDue(applied, held, failingSince, now)
                                            .map(events -> new Recorded(applied, held, events))));
                })
                // One batch runs at a time: a transaction that hangs (a half-open connection) must not hold every
                // later attempt forever. Past the lease the deliveries are someone else's to send anyway.
                .timeout(recordTimeout)
                .flatMap(recorded -> unsaved(recorded).doOnNext(why -> committed(recorded, why)))
                .then();
    }

    /** One health update per endpoint, folding its attempts in the order they finished. */
    private static List<AttemptStreak> streaks(List<Applied> applied) {
        Map<String, AttemptStreak> bySubscription = new LinkedHashMap<>();
        for (Applied a : applied) {
            Instant at = a.finished().result().attemptedAt();
            bySubscription.merge(a.subscriptionId(), AttemptStreak.of(a.subscriptionId(), a.success(), at),
                    (run, one) -> run.then(a.success(), at));
        }
        return List.copyOf(bySubscription.values());
    }

    /**
     * 410 switches the endpoint off; so does a failure streak that lasted too long, judged after the batch (the
     * endpoint's last attempt in it failed and its streak is older than {@code disable-after-failing-for}). Only
     * attempts whose lease was still held count, as before batching. Endpoints in id order, like the locks.
     */
    private Mono<List<SubscriptionEvent>> disableWhereDue(List<Applied> applied, Set<String> held,
            Map<String, Optional<Instant>> failingSince, Instant now) {
        Map<String, DeliveryEvent> lastEvent = new TreeMap<>();
        Map<String, Boolean> gone = new TreeMap<>();
        for (Applied a : applied) {
            if (held.contains(a.delivery().snapshot().id())) {
                lastEvent.put(a.subscriptionId(), a.event());
                gone.merge(a.subscriptionId(), a.event() instanceof DeliveryEvent.EndpointGone, Boolean::logicalOr);
            }
        }
        List<Map.Entry<String, DisableReason>> due = new ArrayList<>();
        lastEvent.forEach((subscriptionId, event) -> {
            if (gone.get(subscriptionId)) {
                due.add(Map.entry(subscriptionId, DisableReason.GONE));
            } else if (!(event instanceof DeliveryEvent.Delivered) && Subscription.failingTooLong(
                    failingSince.getOrDefault(subscriptionId, Optional.empty()).orElse(null), now, disableAfter)) {
                due.add(Map.entry(subscriptionId, DisableReason.FAILING));
            }
        });
        if (due.isEmpty()) {
            return Mono.just(List.of());
        }
        return Flux.fromIterable(due)
                .concatMap(entry -> subscriptions.findById(entry.getKey()).flatMap(subscription -> {
                    List<SubscriptionEvent> events = subscription.disable(entry.getValue(), now);
                    return subscriptions.update(subscription).then(effects.apply(events, now)).thenReturn(events);
                }))
                .flatMapIterable(events -> events)
                .collectList();
    }

    /**
     * Why the batch's attempts whose lease did not hold were not saved, read after the commit (one statement, only when
     * there are some); {@link UnsavedAttempt#UNKNOWN} for each when it could not be read.
     */
    private Mono<Map<String, UnsavedAttempt>> unsaved(Recorded recorded) {
        List<String> ids = recorded.applied().stream()
                .map(a -> a.delivery().snapshot().id())
                .filter(id -> !recorded.leaseHeld().contains(id))
                .distinct()
                .toList();
        if (ids.isEmpty()) {
            return Mono.just(Map.of());
        }
        return deliveries.statuses(ids)
                .map(now -> ids.stream().collect(Collectors.toUnmodifiableMap(id -> id,
                        id -> UnsavedAttempt.of(Optional.ofNullable(now.get(id))))))
                .onErrorResume(e -> {
                    log.warn("could not read why {} webhook attempts were not saved", ids.size(), e);
                    return Mono.just(ids.stream().collect(Collectors.toUnmodifiableMap(id -> id,
                            id -> UnsavedAttempt.UNKNOWN)));
                });
    }

    private void committed(Recorded recorded, Map<String, UnsavedAttempt> unsaved) {
        for (Applied a : recorded.applied()) {
            AttemptResult result = a.finished().result();
            Delivery.Snapshot d = a.delivery().snapshot();
            DeliveryEvent event = a.event();
            metrics.attempt(result.duration(), a.success(), result.statusCode());
            if (!recorded.leaseHeld().contains(d.id())) {
                notSaved(d, event.attempt(), result.statusCode(), unsaved.get(d.id()));
                continue;
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
            // DEBUG: at thousands of attempts a second an INFO line each is the log's own hot path; the metrics
            // count every attempt and outcome, the attempt log (delivery_attempts) keeps each one for the tenant.
            if (log.isDebugEnabled()) {
                log.debug("webhook attempt outcome={} tenantId={} webhookId={} eventId={} event={} deliveryId={} "
                                + "attempt={} status={} statusCode={} durationMs={} nextAttemptAt={} error={}",
                        outcomeName, d.tenantId(), d.subscriptionId(), d.eventId(), d.event().wire(), d.id(),
                        event.attempt(), d.status(), result.statusCode(), result.duration().toMillis(),
                        event instanceof DeliveryEvent.RetryScheduled r ? r.nextAttemptAt() : null, result.error());
            }
        }
        effects.committed(recorded.subscriptionEvents());
    }

    /**
     * A deleted webhook or a cancelled delivery is the product working (DEBUG, like every attempt; the metric counts
     * it); a lost lease means a record took longer than the lease, and the delivery goes out twice (WARN).
     */
    private void notSaved(Delivery.Snapshot d, int attempt, Integer statusCode, UnsavedAttempt why) {
        metrics.attemptUnsaved(why.tag());
        if (why == UnsavedAttempt.LEASE_LOST || why == UnsavedAttempt.UNKNOWN) {
            log.warn("webhook attempt finished after {}; its outcome is not saved and the delivery goes out again "
                            + "with the same webhook-id tenantId={} webhookId={} eventId={} deliveryId={} attempt={} "
                            + "statusCode={}", why == UnsavedAttempt.UNKNOWN ? "its lease was lost or its delivery was removed "
                            + "(could not read which)" : "its lease was lost", d.tenantId(), d.subscriptionId(), d.eventId(), d.id(),
                    attempt, statusCode);
        } else if (log.isDebugEnabled()) {
            log.debug("webhook attempt finished after {}; its outcome is not saved tenantId={} webhookId={} eventId={} "
                            + "deliveryId={} attempt={} statusCode={}", why == UnsavedAttempt.WEBHOOK_DELETED
                            ? "its webhook was deleted" : "its delivery was cancelled (endpoint disabled)",
                    d.tenantId(), d.subscriptionId(), d.eventId(), d.id(), attempt, statusCode);
        }
    }
}
