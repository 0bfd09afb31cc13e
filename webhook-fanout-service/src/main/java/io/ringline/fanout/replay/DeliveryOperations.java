package io.ringline.fanout.replay;

import io.ringline.fanout.config.FanoutProperties;
import io.ringline.fanout.delivery.Delivery;
import io.ringline.fanout.delivery.dispatch.Dispatcher;
import io.ringline.fanout.delivery.persistence.AttemptLog;
import io.ringline.fanout.delivery.persistence.DeliveryRepository;
import io.ringline.fanout.subscription.EventName;
import io.ringline.fanout.subscription.Subscription;
import io.ringline.fanout.subscription.persistence.SubscriptionRepository;
import io.ringline.platform.persistence.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * What a tenant can do with a subscription's deliveries: read the attempt log, replay a time range of past
 * events, retry one delivery now. Every operation first finds the subscription as the caller may see it
 * ({@link Subscription#visibleTo}); anything else is reported as absent. Re-sent deliveries keep the
 * event id as {@code webhook-id}, so receivers deduplicate.
 */
@Service
public class DeliveryOperations {

    private static final Logger log = LoggerFactory.getLogger(DeliveryOperations.class);

    /** Outcome of a replay or retry request. */
    public sealed interface Requeue {
        record Queued(long deliveries) implements Requeue {
        }

        /** The subscription is switched off: nothing would be sent. */
        record SubscriptionInactive() implements Requeue {
        }

        /** The delivery is being attempted right now. */
        record InFlight() implements Requeue {
        }

        /** The replay window holds more of the tenant's events than one replay may re-send. */
        record TooManyEvents(int maxEvents) implements Requeue {
        }
    }

    private final SubscriptionRepository subscriptions;
    private final DeliveryRepository deliveries;
    private final AttemptLog attempts;
    private final EventLog events;
    private final Transactions transactions;
    private final Dispatcher dispatcher;
    private final Clock clock;
    private final FanoutProperties.Replay props;

    DeliveryOperations(SubscriptionRepository subscriptions, DeliveryRepository deliveries, AttemptLog attempts,
            EventLog events, Transactions transactions, Dispatcher dispatcher, Clock clock, FanoutProperties props) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.attempts = attempts;
        this.events = events;
        this.transactions = transactions;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.props = props.replay();
    }

    /** Empty when the subscription is not there for this caller. */
    public Mono<List<AttemptLog.Entry>> logs(String tenantId, String id, String numberId, EventName event, Long before,
            int limit) {
        return visible(tenantId, id, numberId)
                .flatMap(s -> attempts.page(s.id(), event == null ? null : event.wire(), before, limit));
    }

    /** Validates the range against the clock and retention; throws {@link ReplayWindow.Invalid}. */
    public ReplayWindow window(Instant since, Instant until) {
        return ReplayWindow.of(since, until, clock.instant(), props.retention(), props.maxRange());
    }

    /**
     * Queues every kept event of the window that the subscription is for (its numbers and event filter, and
     * {@code event} when given) to it again. Empty when the subscription is not there for this caller.
     *
     * <p>Bounded: a window holding more than {@code replay.max-events} of the tenant's events is refused
     * ({@link Requeue.TooManyEvents}) before anything is queued; otherwise the window is walked in pages of
     * {@code replay.batch-size} events, each page re-queued in its own transaction, so no transaction grows with
     * the window. A replay cut short by a failure has queued its earlier pages; repeating it is harmless (the same
     * event ids, receivers deduplicate).
     */
    public Mono<Requeue> replay(String tenantId, String id, String numberId, ReplayWindow window, EventName event) {
        return visible(tenantId, id, numberId)
                .flatMap(s -> {
                    if (!s.active()) {
                        return Mono.<Requeue>just(new Requeue.SubscriptionInactive());
                    }
                    return events.countUpTo(tenantId, window.since(), window.until(), props.maxEvents() + 1L)
                            .flatMap(held -> held > props.maxEvents()
                                    ? Mono.<Requeue>just(new Requeue.TooManyEvents(props.maxEvents()))
                                    : requeueWindow(tenantId, id, numberId, window, event));
                })
                .doOnNext(outcome -> committed("replay", tenantId, id, outcome,
                        "since=" + window.since() + " until=" + window.until() + " event=" + event));
    }

    /** One page of a replay: how many it queued, and where the next starts (null after the last page). */
    private record Page(long queued, EventLog.Cursor next) {
    }

    private Mono<Requeue> requeueWindow(String tenantId, String id, String numberId, ReplayWindow window,
            EventName event) {
        return Mono.just(new Page(0, EventLog.Cursor.before(window.since())))
                .expand(page -> page.next() == null ? Mono.empty()
                        : requeuePage(tenantId, id, numberId, page.next(), window.until(), event)
                                .doOnNext(done -> {
                                    if (done.queued() > 0) {
                                        dispatcher.wakeUp(); // committed: its deliveries can go while the next page is read
                                    }
                                }))
                .reduce(0L, (sum, page) -> sum + page.queued())
                .map(Requeue.Queued::new);
    }

    /** One transaction: the subscription as it is now (it may have gone meanwhile), one page, one insert. */
    private Mono<Page> requeuePage(String tenantId, String id, String numberId, EventLog.Cursor after, Instant until,
            EventName event) {
        return transactions.inTransaction(() -> visible(tenantId, id, numberId)
                .filter(Subscription::active)
                .flatMap(s -> events.page(tenantId, after, until, props.batchSize()).flatMap(entries -> {
                    Instant now = clock.instant();
                    List<Delivery> queue = entries.stream()
                            .filter(e -> s.selects(e.numberId(), e.event()) && (event == null || e.event() == event))
                            .map(e -> Delivery.create(s.id(), tenantId, e.eventId(), e.event(), e.payload(), now))
                            .toList();
                    EventLog.Entry last = entries.isEmpty() ? null : entries.getLast();
                    EventLog.Cursor next = entries.size() < props.batchSize() ? null
                            : new EventLog.Cursor(last.createdAt(), last.eventId());
                    return deliveries.requeueAll(queue, now).map(queued -> new Page(queued, next));
                })))
                .defaultIfEmpty(new Page(0, null));
    }

    /** Queues one delivery of the caller's subscription again, due now. Empty when it is not theirs. */
    public Mono<Requeue> retry(String tenantId, String deliveryId, String numberId) {
        return transactions.inTransaction(() -> deliveries.owner(deliveryId)
                        .filter(owner -> owner[1].equals(tenantId))
                        .flatMap(owner -> visible(tenantId, owner[0], numberId))
                        .flatMap(s -> s.active()
                                ? deliveries.retryNow(deliveryId, clock.instant())
                                        .<Requeue>map(rows -> rows == 1 ? new Requeue.Queued(1) : new Requeue.InFlight())
                                : Mono.<Requeue>just(new Requeue.SubscriptionInactive())))
                .doOnNext(outcome -> committed("retry", tenantId, deliveryId, outcome, ""));
    }

    private Mono<Subscription> visible(String tenantId, String id, String numberId) {
        return subscriptions.find(tenantId, id).filter(s -> s.visibleTo(numberId));
    }

    private void committed(String what, String tenantId, String target, Requeue outcome, String detail) {
        if (outcome instanceof Requeue.Queued queued && queued.deliveries() > 0) {
            dispatcher.wakeUp();
        }
        log.info("webhook {} tenantId={} target={} outcome={} {}", what, tenantId, target, outcome, detail);
    }
}
