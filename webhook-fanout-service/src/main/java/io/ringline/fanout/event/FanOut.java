package io.ringline.fanout.event;

import io.ringline.fanout.delivery.Delivery;
import io.ringline.fanout.delivery.dispatch.Dispatcher;
import io.ringline.fanout.delivery.persistence.DeliveryRepository;
import io.ringline.fanout.replay.EventLog;
import io.ringline.fanout.subscription.persistence.SubscriptionRepository;
import io.ringline.platform.persistence.ProcessedMessages;
import io.ringline.platform.persistence.Transactions;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns one call event into one delivery per matching subscription, in one transaction with the
 * event's id in {@code processed_messages}: a redelivered event — even after subscriptions changed —
 * creates nothing, and a crash between the two cannot happen. The payload also goes into the event log,
 * kept for replays.
 */
@Service
public class FanOut {

    /** Consumer name under which processed call-event ids are recorded. */
    public static final String CONSUMER = "fanout.call-events";

    /** @param deliveries how many deliveries the event created; 0 for a duplicate or when nobody subscribed */
    public record Result(boolean duplicate, int deliveries) {
    }

    private final Transactions transactions;
    private final ProcessedMessages processed;
    private final SubscriptionRepository subscriptions;
    private final DeliveryRepository deliveries;
    private final Dispatcher dispatcher;
    private final EventLog eventLog;
    private final JsonMapper json;
    private final Clock clock;

    public FanOut(Transactions transactions, ProcessedMessages processed, SubscriptionRepository subscriptions,
            DeliveryRepository deliveries, EventLog eventLog, Dispatcher dispatcher, JsonMapper json, Clock clock) {
        this.eventLog = eventLog;
        this.transactions = transactions;
        this.processed = processed;
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.dispatcher = dispatcher;
        this.json = json;
        this.clock = clock;
    }

    public Mono<Result> accept(CallEventNotice notice) {
        return Mono.defer(() -> {
            String payload = WebhookPayload.of(notice).toJson(json); // once, shared by every subscription and retry
            Instant now = clock.instant();
            return transactions.inTransaction(() -> processed.firstDelivery(CONSUMER, notice.eventId())
                    .flatMap(first -> first
                            ? eventLog.record(new EventLog.Entry(notice.eventId(), notice.tenantId(), notice.numberId(),
                                            notice.event(), payload, notice.occurredAt() != null ? notice.occurredAt() : now))
                                    .thenMany(subscriptions.findActive(notice.tenantId()))
                                    .filter(s -> s.receives(notice.tenantId(), notice.numberId(), notice.event()))
                                    .map(s -> Delivery.create(s.id(), notice.tenantId(), notice.eventId(),
                                            notice.event(), payload, now))
                                    .collectList()
                                    .flatMap(deliveries::insertAll)
                                    .map(created -> new Result(false, created.intValue()))
                            : Mono.just(new Result(true, 0))));
        }).doOnNext(result -> {
            if (result.deliveries() > 0) {
                dispatcher.wakeUp(); // committed: send now instead of at the next poll
            }
        });
    }
}
