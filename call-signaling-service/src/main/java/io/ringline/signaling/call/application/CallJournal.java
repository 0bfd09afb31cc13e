package io.ringline.signaling.call.application;

import io.ringline.signaling.call.Call;
import io.ringline.signaling.call.CallEvent;
import io.ringline.signaling.call.NumberEvent;
import io.ringline.signaling.number.NumberRef;
import io.ringline.signaling.call.persistence.CallRepository;
import io.ringline.signaling.call.persistence.NumberEventSequences;
import java.util.List;
import java.util.function.LongFunction;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Writes a call's new state together with the events it caused, in the caller's transaction: the row
 * (version-checked), one outbox record per event, and the transition count once it commits. Number-level
 * events take the number's next sequence in the same transaction.
 */
@Component
public class CallJournal {

    private final CallRepository calls;
    private final CallEventSink events;
    private final CallMetrics metrics;
    private final NumberEventSequences numberSequences;

    public CallJournal(CallRepository calls, CallEventSink events, CallMetrics metrics,
            NumberEventSequences numberSequences) {
        this.calls = calls;
        this.events = events;
        this.metrics = metrics;
        this.numberSequences = numberSequences;
    }

    public Mono<Void> recordNew(Call call, List<CallEvent> caused) {
        Mono<Void> counted = caused.isEmpty()
                ? metrics.countAfterCommit(call.number().provider(), call.status())
                : Mono.empty();
        return calls.insert(call).then(counted).then(append(caused));
    }

    /** {@link #recordNew}, unless a call with its id exists: then nothing is written; emits whether it was recorded. */
    public Mono<Boolean> recordNewIfAbsent(Call call, List<CallEvent> caused) {
        Mono<Void> counted = caused.isEmpty()
                ? metrics.countAfterCommit(call.number().provider(), call.status())
                : Mono.empty();
        return calls.insertIfAbsent(call).flatMap(inserted -> inserted
                ? counted.then(append(caused)).thenReturn(true)
                : Mono.just(false));
    }

    public Mono<Void> record(Call call, List<CallEvent> caused) {
        return calls.update(call).then(append(caused));
    }

    /** A number-level event, numbered by the number's next sequence, in the caller's transaction. */
    public Mono<Void> publish(NumberRef number, LongFunction<NumberEvent> numbered) {
        return numberSequences.next(number.numberId()).map(numbered::apply).flatMap(events::append);
    }

    private Mono<Void> append(List<CallEvent> caused) {
        return Flux.fromIterable(caused)
                .concatMap(event -> event instanceof CallEvent.PlayFinished
                        ? events.append(event) // not a transition: the calls-by-status count stays as it is
                        : events.append(event)
                                .then(metrics.countAfterCommit(event.call().number().provider(), event.call().status())))
                .then();
    }
}
