package io.ringline.media.livecall.application;

import io.ringline.media.livecall.CallUpdate;
import io.ringline.media.livecall.LiveCallChange;
import io.ringline.media.livecall.persistence.LiveCallRepository;
import io.ringline.platform.persistence.ProcessedMessages;
import io.ringline.platform.persistence.Transactions;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Applies call events to the live-call table. A call that connects is inserted in one transaction with its event id
 * in {@code processed_messages}, so a redelivered event (say, an old CALL_CONNECTED after the call ended) changes
 * nothing; a call that ends is one idempotent delete. (This instance's consumer group shares the work with the other
 * instances; the realtime sessions, which live on one instance each, learn of a call's end from their own
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

    public LiveCallTracker(Transactions transactions, ProcessedMessages processed, LiveCallRepository liveCalls) {
        this.transactions = transactions;
        this.processed = processed;
        this.liveCalls = liveCalls;
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
