package io.ringline.signaling.call.timeouts;

import io.ringline.platform.persistence.Transactions;
import io.ringline.signaling.call.Call;
import io.ringline.signaling.call.CallEvent;
import io.ringline.signaling.call.EndReason;
import io.ringline.signaling.call.Trigger;
import io.ringline.signaling.call.application.CallJournal;
import io.ringline.signaling.call.persistence.CallRepository;
import io.ringline.signaling.call.provider.ProviderGateway;
import io.ringline.signaling.number.NumberReplica;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.BiFunction;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Applies one timer's verdict to one call, in its own transaction; a call that moved on meanwhile
 * (answered, ended) is left alone. After a ring timeout the provider is told too, through the
 * number replica, so nothing is left ringing.
 */
@Component
class CallTimeouts {

    private final Transactions tx;
    private final CallRepository calls;
    private final CallJournal journal;
    private final NumberReplica numbers;
    private final ProviderGateway providers;
    private final Clock clock;

    CallTimeouts(Transactions tx, CallRepository calls, CallJournal journal, NumberReplica numbers,
            ProviderGateway providers, Clock clock) {
        this.tx = tx;
        this.calls = calls;
        this.journal = journal;
        this.numbers = numbers;
        this.providers = providers;
        this.clock = clock;
    }

    /** Ringing outbound past the ring timeout (FAILED, NO_ANSWER) or inbound past the accept window (MISSED). */
    Mono<Void> rangOut(String callId) {
        return change(callId, Trigger.RING_TIMEOUT, Call::timeOut).flatMap(call -> numbers
                        .find(call.number().numberId())
                        .doOnNext(number -> providers.releaseQuietly(number, call.snapshot())))
                .then();
    }

    /** INITIATED and never named by the provider, long after the provider would have timed out. */
    Mono<Void> providerNeverAnswered(String callId) {
        return change(callId, Trigger.FAILURE, (call, now) -> call.fail(EndReason.PROVIDER_TIMEOUT, now)).then();
    }

    /** Emits the call when the change was made. */
    private Mono<Call> change(String callId, Trigger trigger, BiFunction<Call, Instant, List<CallEvent>> change) {
        return tx.inTransaction(() -> calls.findById(callId)
                .filter(call -> call.permits(trigger))
                .flatMap(call -> journal.record(call, change.apply(call, clock.instant().truncatedTo(ChronoUnit.MILLIS)))
                        .thenReturn(call)));
    }
}
