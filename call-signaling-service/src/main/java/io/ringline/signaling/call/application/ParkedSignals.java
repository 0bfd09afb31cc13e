package io.ringline.signaling.call.application;

import io.ringline.signaling.call.Call;
import io.ringline.signaling.call.CallEvent;
import io.ringline.signaling.call.persistence.PendingSignals;
import io.ringline.signaling.call.persistence.PendingSignals.Parked;
import io.ringline.signaling.call.provider.ProviderObservation.AboutCall;
import io.ringline.signaling.call.provider.ProviderObservation.CallReports;
import io.ringline.signaling.call.provider.SignalInterpreters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Signals that arrived before their call had the provider's id: kept, then applied in arrival order
 * by whoever gives a call that id. Both sides hold the id's lock ({@code CallRepository.lockExternalId}).
 */
@Component
class ParkedSignals {

    private final PendingSignals pending;
    private final SignalInterpreters interpreters;

    ParkedSignals(PendingSignals pending, SignalInterpreters interpreters) {
        this.pending = pending;
        this.interpreters = interpreters;
    }

    Mono<Void> park(IncomingSignal signal, String externalCallId, Instant now) {
        return pending.park(signal.number().numberId(), externalCallId,
                new Parked(signal.signalId(), signal.kind(), signal.payloadJson(), signal.receivedAt()), now);
    }

    /** Applies what was parked for the call's provider id to the call; emits the events that caused. */
    Mono<List<CallEvent>> applyTo(Call call, Instant now) {
        return pending.take(call.number().numberId(), call.externalCallId()).map(parked -> apply(call, parked, now));
    }

    /** Applies signals parked for the call's provider id (taken already, in arrival order); returns the events. */
    List<CallEvent> apply(Call call, List<Parked> parked, Instant now) {
        List<CallEvent> events = new ArrayList<>();
        for (Parked signal : parked) {
            // Read successfully before it was parked, so it reads the same now.
            switch (interpreters.interpret(signal.kind(), signal.payloadJson())) {
                case AboutCall report -> events.addAll(CallSignals.apply(call, report, now));
                // a change naming several calls was parked for this one: only its items apply
                case CallReports reports -> reports.items().stream()
                        .filter(item -> item.externalCallId().equals(call.externalCallId()))
                        .forEach(item -> events.addAll(CallSignals.apply(call, item, now)));
                default -> {
                }
            }
        }
        return events;
    }
}
