package io.ringline.media.livecall;

import io.ringline.media.livecall.persistence.LiveCallRepository;
import io.ringline.platform.persistence.ProcessedMessages;
import io.ringline.platform.persistence.Transactions;
import java.util.List;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Applies call events to the live-call table, each in one transaction with its event id in
 * {@code processed_messages}: a redelivered event (say, an old CALL_CONNECTED after the call ended)
 * changes nothing.
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
    private final List<CallEndedListener> endListeners;

    public LiveCallTracker(Transactions transactions, ProcessedMessages processed, LiveCallRepository liveCalls,
            List<CallEndedListener> endListeners) {
        this.transactions = transactions;
        this.processed = processed;
        this.liveCalls = liveCalls;
        this.endListeners = endListeners;
    }

    public Mono<Outcome> apply(CallUpdate update) {
        LiveCallChange change = LiveCallChange.of(update);
        if (change instanceof LiveCallChange.Ignore) {
            return Mono.just(Outcome.IGNORED); // no effect, so nothing to make idempotent or to store
        }
        return transactions.inTransaction(() -> processed.firstDelivery(CONSUMER, update.eventId())
                .flatMap(first -> first ? effect(change).thenReturn(Outcome.APPLIED) : Mono.just(Outcome.DUPLICATE)))
                .doOnNext(outcome -> {
                    // After the commit, and also for a duplicate: a session must not outlive its call.
                    if (change instanceof LiveCallChange.Release release) {
                        endListeners.forEach(listener -> listener.callEnded(release.callId()));
                    }
                });
    }

    private Mono<Void> effect(LiveCallChange change) {
        return switch (change) {
            case LiveCallChange.Track track -> liveCalls.insert(track.call());
            case LiveCallChange.Release release -> liveCalls.delete(release.callId());
            case LiveCallChange.Ignore ignore -> Mono.empty();
        };
    }
}
