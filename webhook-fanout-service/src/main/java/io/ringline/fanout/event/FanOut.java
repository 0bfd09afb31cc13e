package io.ringline.fanout.event;

import io.ringline.fanout.delivery.ClaimedDelivery;
import io.ringline.fanout.delivery.Delivery;
import io.ringline.fanout.delivery.dispatch.Dispatcher;
import io.ringline.fanout.delivery.dispatch.HeldSlots;
import io.ringline.fanout.delivery.persistence.DeliveryRepository;
import io.ringline.fanout.replay.EventLog;
import io.ringline.fanout.subscription.persistence.SubscriptionRepository;
import io.ringline.platform.persistence.ProcessedMessages;
import io.ringline.platform.persistence.Transactions;
import io.ringline.fanout.metrics.WebhookMetrics;
import io.ringline.fanout.subscription.Subscription;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
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
 * kept for replays. {@link #acceptAll} does the same for a whole poll in one transaction, and leases the new
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
    private final ProcessedMessages processed;
    private final SubscriptionRepository subscriptions;
    private final DeliveryRepository deliveries;
    private final Dispatcher dispatcher;
    private final EventLog eventLog;
    private final JsonMapper json;
    private final Clock clock;
    private final WebhookMetrics metrics;

    public FanOut(Transactions transactions, ProcessedMessages processed, SubscriptionRepository subscriptions,
            DeliveryRepository deliveries, EventLog eventLog, Dispatcher dispatcher, JsonMapper json, Clock clock,
            WebhookMetrics metrics) {
        this.metrics = metrics;
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
            metrics.eventBatch(1);
            if (result.deliveries() > 0) {
                dispatcher.wakeUp(); // committed: send now instead of at the next poll
            }
        });
    }

    /**
     * Fans out many events (one poll, in offset order) in <em>one</em> transaction: their ids into
     * {@code processed_messages}, the new ones into the event log and their deliveries into {@code delivery}, one
     * statement each. An event already processed — before, or earlier in the same list — creates nothing. All or
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
            return transactions.inTransaction(() -> processed.firstDeliveries(CONSUMER,
                            notices.stream().map(CallEventNotice::eventId).toList())
                    .flatMap(fresh -> {
                        Set<String> unclaimed = new HashSet<>(fresh);
                        boolean[] first = new boolean[notices.size()];
                        List<EventLog.Entry> logged = new ArrayList<>();
                        Set<String> tenants = new LinkedHashSet<>();
                        for (int i = 0; i < first.length; i++) {
                            CallEventNotice n = notices.get(i);
                            first[i] = unclaimed.remove(n.eventId()); // a repeat within the list is a duplicate
                            if (first[i]) {
                                logged.add(new EventLog.Entry(n.eventId(), n.tenantId(), n.numberId(), n.event(),
                                        payloads.get(i), n.occurredAt() != null ? n.occurredAt() : now));
                                tenants.add(n.tenantId());
                            }
                        }
                        return eventLog.recordAll(logged)
                                .then(subscriptions.findActive(tenants).collect(Collectors.groupingBy(Subscription::tenantId)))
                                .flatMap(byTenant -> insertDeliveries(notices, payloads, first, byTenant, now, held));
                    }))
                    .doOnNext(fanned -> launch(fanned, held.get()))
                    .doOnError(e -> held.get().release())
                    .doOnCancel(() -> held.get().release())
                    .map(Fanned::results);
        }).doOnNext(results -> metrics.eventBatch(notices.size()));
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
