package io.ringline.signaling.call.application;

import io.ringline.platform.kafka.FailureClassifier;
import io.ringline.platform.persistence.Transactions;
import io.ringline.signaling.call.Call;
import io.ringline.signaling.call.CommandError;
import io.ringline.signaling.call.EndReason;
import io.ringline.signaling.call.Trigger;
import io.ringline.signaling.call.application.CommandOutcome.Failed;
import io.ringline.signaling.call.persistence.CallRepository;
import io.ringline.signaling.call.persistence.CommandFailures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/** What every call action's handler does the same way: refusing, recording the provider's answer, failing a call. */
@Component
class CommandSteps {

    private final Transactions tx;
    private final CallRepository calls;
    private final CommandFailures failures;
    private final CallJournal journal;
    private final Clock clock;

    CommandSteps(Transactions tx, CallRepository calls, CommandFailures failures, CallJournal journal, Clock clock) {
        this.tx = tx;
        this.calls = calls;
        this.failures = failures;
        this.journal = journal;
        this.clock = clock;
    }

    /** Answers the command with {@code error} and stores it for redeliveries (in the caller's transaction). */
    Mono<CommandOutcome> refuse(IncomingCommand command, String callId, CommandError error) {
        return failures.record(command.commandId(), callId, error).thenReturn(new Failed(command.callId(), error));
    }

    /**
     * The one transaction recording what the provider did, on the call as the claim loaded it: no second read
     * unless a signal changed the call meanwhile (the version check fails, the work runs again on a fresh read).
     * The provider cannot be asked again (the command is claimed), so a database hiccup is waited out here rather
     * than losing its answer.
     */
    <T> Mono<T> afterProvider(Call loaded, Function<Call, Mono<T>> work) {
        return afterProvider(loaded.id(), loaded, work);
    }

    /** {@link #afterProvider(Call, Function)} on a fresh read of the call (a provider answer arriving late). */
    <T> Mono<T> afterProvider(String callId, Function<Call, Mono<T>> work) {
        return afterProvider(callId, null, work);
    }

    private <T> Mono<T> afterProvider(String callId, Call loaded, Function<Call, Mono<T>> work) {
        AtomicReference<Call> carried = new AtomicReference<>(loaded);
        Supplier<Mono<T>> attempt = () -> Mono.justOrEmpty(carried.getAndSet(null))
                .switchIfEmpty(Mono.defer(() -> calls.findById(callId)))
                .flatMap(work);
        return tx.inTransaction(attempt).retryWhen(Retry.backoff(5, Duration.ofMillis(200))
                .filter(FailureClassifier::isTransient)
                .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
    }

    /** The provider failed the call: it ends FAILED (unless it already ended) and the command with {@code error}. */
    Mono<CommandOutcome> failCall(IncomingCommand command, Call loaded, EndReason reason, CommandError error) {
        return afterProvider(loaded, call -> (call.permits(Trigger.FAILURE)
                        ? journal.record(call, call.fail(reason, now()))
                        : Mono.<Void>empty())
                .then(refuse(command, call.id(), error)));
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
