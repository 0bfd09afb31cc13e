package io.ringline.media.livecall.application;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.media.livecall.CallUpdate;
import io.ringline.media.livecall.LiveCall;
import io.ringline.media.livecall.LiveCallChange;
import io.ringline.media.livecall.persistence.LiveCallRepository;
import io.ringline.platform.persistence.ProcessedMessages;
import io.ringline.platform.persistence.Transactions;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Applies call events to the live-call table. A call that connects is inserted in one transaction with its event id
 * in {@code processed_messages}, so a redelivered event (say, an old CALL_CONNECTED after the call ended) changes
 * nothing; a call that ends is an idempotent delete. A poll's events are applied together ({@link #applyAll}); one
 * at a time ({@link #apply}) when the database refuses the poll. (This instance's consumer group shares the work with
 * the other instances; the realtime sessions, which live on one instance each, learn of a call's end from their own
 * per-instance consumer: realtime/messaging.)
 */
@Service
public class LiveCallTracker {

    /** Consumer name under which processed call-event ids are recorded. */
    public static final String CONSUMER = "media.call-events";

    public enum Outcome {
        APPLIED, DUPLICATE, IGNORED
    }

    private final Transactions transactions;
    private final ProcessedMessages processed;
    private final LiveCallRepository liveCalls;
    private final DistributionSummary batches;

    public LiveCallTracker(Transactions transactions, ProcessedMessages processed, LiveCallRepository liveCalls,
            MeterRegistry meters) {
        this.transactions = transactions;
        this.processed = processed;
        this.liveCalls = liveCalls;
        this.batches = DistributionSummary.builder("ringline.media.live.calls.batch")
                .description("Call events that changed live calls, per poll applied together")
                .register(meters);
    }

    /**
     * A poll's updates, in offset order: the connections' event ids recorded and the calls that became live inserted
     * in one transaction (one statement each), then the ended calls deleted in one statement; per call the poll's last
     * word counts. Emits how many updates had been applied before. The delete needs no transaction of its own: if the
     * process dies before it, the poll is read again, its connections are duplicates and the delete runs then.
     */
    public Mono<Long> applyAll(List<CallUpdate> updates) {
        List<CallUpdate> relevant = updates.stream()
                .filter(update -> !(LiveCallChange.of(update) instanceof LiveCallChange.Ignore)).toList();
        List<String> connections = relevant.stream()
                .filter(update -> LiveCallChange.of(update) instanceof LiveCallChange.Track)
                .map(CallUpdate::eventId).toList();
        Mono<Plan> planned = connections.isEmpty()
                ? Mono.just(Plan.of(relevant, Set.of()))
                : transactions.inTransaction(() -> processed.firstDeliveries(CONSUMER, connections)
                        .map(first -> Plan.of(relevant, first))
                        .flatMap(plan -> liveCalls.insertAll(plan.live().values()).thenReturn(plan)));
        return planned.flatMap(plan -> liveCalls.deleteAll(plan.ended()).thenReturn(plan.duplicates()))
                .doOnNext(duplicates -> {
                    if (!relevant.isEmpty()) {
                        batches.record(relevant.size());
                    }
                });
    }

    /** What a poll does to the live calls, given which of its connections are new. */
    private record Plan(Map<String, LiveCall> live, Set<String> ended, long duplicates) {

        static Plan of(List<CallUpdate> updates, Set<String> firstConnections) {
            Map<String, LiveCall> live = new TreeMap<>(); // in call id order: two batches lock rows alike
            Set<String> ended = new TreeSet<>();
            Set<String> seen = new HashSet<>();
            long duplicates = 0;
            for (CallUpdate update : updates) {
                switch (LiveCallChange.of(update)) {
                    case LiveCallChange.Track track -> {
                        if (firstConnections.contains(update.eventId()) && seen.add(update.eventId())) {
                            live.put(track.call().callId(), track.call());
                            ended.remove(track.call().callId());
                        } else {
                            duplicates++;
                        }
                    }
                    case LiveCallChange.Release release -> {
                        live.remove(release.callId());
                        ended.add(release.callId());
                    }
                    case LiveCallChange.Ignore ignore -> {
                    }
                }
            }
            return new Plan(live, ended, duplicates);
        }
    }

    public Mono<Outcome> apply(CallUpdate update) {
        return switch (LiveCallChange.of(update)) {
            case LiveCallChange.Ignore ignore -> Mono.just(Outcome.IGNORED); // no effect: nothing to make idempotent
            // A delete is idempotent by itself and never undoes a later event (one call's events are applied in
            // order, and a redelivered CALL_CONNECTED is refused by its recorded id): one statement, no transaction,
            // no processed id. (A redelivered end deletes nothing and counts as ignored, not as a duplicate.)
            case LiveCallChange.Release release -> liveCalls.delete(release.callId())
                    .map(deleted -> deleted ? Outcome.APPLIED : Outcome.IGNORED);
            case LiveCallChange.Track track -> transactions.inTransaction(() -> processed.firstDelivery(CONSUMER,
                            update.eventId())
                    .flatMap(first -> first
                            ? liveCalls.insert(track.call()).thenReturn(Outcome.APPLIED)
                            : Mono.just(Outcome.DUPLICATE)));
        };
    }
}
