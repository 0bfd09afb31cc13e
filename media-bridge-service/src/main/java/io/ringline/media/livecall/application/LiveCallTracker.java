package io.ringline.media.livecall.application;

import io.ringline.media.livecall.CallUpdate;
import io.ringline.media.livecall.LiveCallChange;
import io.ringline.media.livecall.persistence.LiveCallRepository;
import io.ringline.platform.persistence.ProcessedMessages;
import io.ringline.platform.persistence.Transactions;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Applies call events to the live-call table, each in one transaction with its event id in
 * {@code processed_messages}: a redelivered event (say, an old CALL_CONNECTED after the call ended)
 * changes nothing. (This instance's consumer group shares the work with the other instances; the realtime
 * sessions, which live on one instance each, learn of a call's end from their own per-instance consumer:
 * realtime/messaging.)
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

    public LiveCallTracker(Transactions transactions, ProcessedMessages processed, LiveCallRepository liveCalls) {
        this.transactions = transactions;
        this.processed = processed;
        this.liveCalls = liveCalls;
    }

    public Mono<Outcome> apply(CallUpdate update) {
        LiveCallChange change = LiveCallChange.of(update);
        if (change instanceof LiveCallChange.Ignore) {
            return Mono.just(Outcome.IGNORED); // no effect, so nothing to make idempotent or to store
        }
        return transactions.inTransaction(() -> processed.firstDelivery(CONSUMER, update.eventId())
                .flatMap(first -> first ? effect(change).thenReturn(Outcome.APPLIED) : Mono.just(Outcome.DUPLICATE)));
    }

    private Mono<Void> effect(LiveCallChange change) {
        return switch (change) {
            case LiveCallChange.Track track -> liveCalls.insert(track.call());
            case LiveCallChange.Release release -> liveCalls.delete(release.callId());
            case LiveCallChange.Ignore ignore -> Mono.empty();
        };
    }
}
