package io.ringline.fanout.event;

import io.ringline.fanout.delivery.ClaimedDelivery;
import io.ringline.fanout.delivery.Delivery;
import io.ringline.fanout.delivery.dispatch.Dispatcher;
import io.ringline.fanout.delivery.dispatch.HeldSlots;
import io.ringline.fanout.delivery.persistence.DeliveryRepository;
import io.ringline.fanout.event.persistence.EventIntake;
import io.ringline.fanout.replay.EventLog;
import io.ringline.platform.persistence.Transactions;
import io.ringline.fanout.metrics.WebhookMetrics;
import io.ringline.fanout.subscription.Subscription;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns one call event into one delivery per matching subscription, in one transaction with the
 * event's id in {@code processed_messages}: a redelivered event — even after subscriptions changed —
 * creates nothing, and a crash between the two cannot happen. The payload also goes into the event log,
 * kept for replays. Those two and the subscriptions' read are one statement ({@link EventIntake}), the deliveries'
 * insert the second: a transaction of two statements per poll. {@link #acceptAll} does the same for a whole poll in one transaction, and leases the new
 * deliveries this instance has free slots for in it, to send them as soon as it commits: at a few events a second
 * each event was otherwise a transaction here, a claim round and its transaction, then the attempt's record.
 */
@Service
public class FanOut {

    /** Consumer name under which processed call-event ids are recorded. */
    public static final String CONSUMER = "fanout.call-events";

    /** @param deliveries how many deliveries the event created; 0 for a duplicate or when nobody subscribed */
    public record Result(boolean duplicate, int deliveries) {
    }

    private final Transactions transactions;
    private final EventIntake intake;
    private final DeliveryRepository deliveries;
    private final Dispatcher dispatcher;
    private final JsonMapper json;
    private final Clock clock;
    private final WebhookMetrics metrics;

    public FanOut(Transactions transactions, EventIntake intake, DeliveryRepository deliveries, Dispatcher dispatcher,
            JsonMapper json, Clock clock, WebhookMetrics metrics) {
        this.metrics = metrics;
        this.transactions = transactions;
        this.intake = intake;
        this.deliveries = deliveries;
        this.dispatcher = dispatcher;
        this.json = json;
        this.clock = clock;
    }

    /** One event alone, its deliveries left to the next claim round: how a failed poll is redone record by record. */
    public Mono<Result> accept(CallEventNotice notice) {
        return Mono.defer(() -> {
            Instant now = clock.instant();
            EventLog.Entry entry = entry(notice, WebhookPayload.of(notice).toJson(json), now);
            return transactions.inTransaction(() -> intake.take(CONSUMER, List.of(entry))
                    .flatMap(taken -> {
                        if (!taken.fresh().contains(notice.eventId())) {
                            return Mono.just(new Result(true, 0));
                        }
                        List<Delivery> created = taken.subscriptions().stream()
                                .filter(s -> s.receives(notice.tenantId(), notice.numberId(), notice.event()))
                                .map(s -> Delivery.create(s.id(), notice.tenantId(), notice.eventId(), notice.event(),
                                        entry.payload(), now))
                                .toList();
                        return deliveries.insertAll(created).map(count -> new Result(false, count.intValue()));
                    }));
        }).doOnNext(result -> {
            metrics.eventBatch(1);
            if (result.deliveries() > 0) {
                dispatcher.wakeUp(); // committed: send now instead of at the next poll
            }
        });
    }

    /**
     * Fans out many events (one poll, in offset order) in <em>one</em> transaction of two statements: their ids into
     * {@code processed_messages}, the new ones into the event log and their tenants' subscriptions read (the first),
     * then their deliveries into {@code delivery} (the second). An event already processed — before, or earlier in the same list — creates nothing. All or
     * nothing: a failure rolls back every event of the list.
     *
     * @return one result per notice, in the list's order
     */
    public Mono<List<Result>> acceptAll(List<CallEventNotice> notices) {
        if (notices.isEmpty()) {
            return Mono.just(List.of());
        }
        return Mono.defer(() -> {
            List<String> payloads = notices.stream().map(n -> WebhookPayload.of(n).toJson(json)).toList();
            Instant now = clock.instant();
            AtomicReference<HeldSlots> held = new AtomicReference<>(HeldSlots.NONE);
            List<EventLog.Entry> entries = new ArrayList<>(notices.size());
            for (int i = 0; i < notices.size(); i++) {
                entries.add(entry(notices.get(i), payloads.get(i), now));
            }
            return transactions.inTransaction(() -> intake.take(CONSUMER, entries)
                    .flatMap(taken -> {
                        Set<String> unclaimed = new HashSet<>(taken.fresh());
                        boolean[] first = new boolean[notices.size()];
                        for (int i = 0; i < first.length; i++) {
                            first[i] = unclaimed.remove(notices.get(i).eventId()); // a repeat within the list is a duplicate
                        }
                        Map<String, List<Subscription>> byTenant = taken.subscriptions().stream()
                                .collect(Collectors.groupingBy(Subscription::tenantId));
                        return insertDeliveries(notices, payloads, first, byTenant, now, held);
                    }))
                    .doOnNext(fanned -> launch(fanned, held.get()))
                    .doOnError(e -> held.get().release())
                    .doOnCancel(() -> held.get().release())
                    .map(Fanned::results);
        }).doOnNext(results -> metrics.eventBatch(notices.size()));
    }

    private static EventLog.Entry entry(CallEventNotice n, String payload, Instant now) {
        return new EventLog.Entry(n.eventId(), n.tenantId(), n.numberId(), n.event(), payload,
                n.occurredAt() != null ? n.occurredAt() : now);
    }

    /** What one poll's transaction did: its results, the deliveries it created and those it leased to send. */
    private record Fanned(List<Result> results, int created, List<ClaimedDelivery> leased) {
    }

    /** Committed: sends what the transaction leased; the rest wait in the queue, for a claim round now. */
    private void launch(Fanned fanned, HeldSlots held) {
        held.launch(fanned.leased());
        if (!fanned.leased().isEmpty()) {
            metrics.launchedCreated(fanned.leased().size());
        }
        if (fanned.created() > fanned.leased().size()) {
            dispatcher.wakeUp(); // send now instead of at the next poll
        }
    }

    private Mono<Fanned> insertDeliveries(List<CallEventNotice> notices, List<String> payloads, boolean[] first,
            Map<String, List<Subscription>> byTenant, Instant now, AtomicReference<HeldSlots> held) {
        List<Delivery> created = new ArrayList<>();
        List<Result> results = new ArrayList<>(notices.size());
        Map<String, String> urls = new HashMap<>();
        for (int i = 0; i < first.length; i++) {
            CallEventNotice n = notices.get(i);
            if (!first[i]) {
                results.add(new Result(true, 0));
                continue;
            }
            int before = created.size();
            for (Subscription s : byTenant.getOrDefault(n.tenantId(), List.of())) {
                if (s.receives(n.tenantId(), n.numberId(), n.event())) {
                    created.add(Delivery.create(s.id(), n.tenantId(), n.eventId(), n.event(), payloads.get(i), now));
                    urls.put(s.id(), s.snapshot().url());
                }
            }
            results.add(new Result(false, created.size() - before));
        }
        // A retried transaction (Transactions) comes here again: what its rolled-back attempt held leased nothing.
        held.getAndSet(HeldSlots.NONE).release();
        // Held before the statement that may lease them, so no claim running meanwhile counts them free.
        HeldSlots slots = dispatcher.hold(created, urls::get);
        held.set(slots);
        return deliveries.insertAll(created, slots.deliveryIds(), slots.token(), slots.leaseUntil(), now)
                .map(inserted -> new Fanned(results, (int) inserted.count(), inserted.leased()));
    }

}
