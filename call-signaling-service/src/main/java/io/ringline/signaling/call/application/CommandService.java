package io.ringline.signaling.call.application;

import io.ringline.platform.kafka.FailureClassifier;
import io.ringline.platform.persistence.ProcessedMessages;
import io.ringline.platform.persistence.Transactions;
import io.ringline.signaling.call.Call;
import io.ringline.signaling.call.CallEvent;
import io.ringline.signaling.call.CallSnapshot;
import io.ringline.signaling.call.CallStatus;
import io.ringline.signaling.call.CommandError;
import io.ringline.signaling.call.EndReason;
import io.ringline.signaling.call.IllegalTransitionException;
import io.ringline.signaling.call.Provider;
import io.ringline.signaling.call.Trigger;
import io.ringline.signaling.call.application.CallAction.Accept;
import io.ringline.signaling.call.application.CallAction.Place;
import io.ringline.signaling.call.application.CallAction.PreAccept;
import io.ringline.signaling.call.application.CallAction.Reject;
import io.ringline.signaling.call.application.CallAction.Terminate;
import io.ringline.signaling.call.application.CommandOutcome.Failed;
import io.ringline.signaling.call.application.CommandOutcome.Succeeded;
import io.ringline.signaling.call.persistence.CallRepository;
import io.ringline.signaling.call.persistence.CommandFailures;
import io.ringline.signaling.call.provider.ProviderBusyException;
import io.ringline.signaling.call.provider.ProviderException;
import io.ringline.signaling.call.provider.ProviderGateway;
import io.ringline.signaling.call.provider.ProviderTimeoutException;
import io.ringline.signaling.number.NumberAccount;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Executes tenants' commands on calls. A command is claimed (its id recorded as processed) in the
 * transaction that checks it, before the provider is asked: a redelivered command is answered from
 * what is stored and never reaches the provider twice. The provider's answer is then applied in a
 * transaction of its own. The two halves are separate ({@link #claim}, then {@link Claim.Claimed#providerPart})
 * so the consumer can commit the claim inside its batch and let the provider part run outside it.
 */
@Service
public class CommandService {

    static final String CONSUMER = "signaling.commands";

    private static final CommandError UNSUPPORTED = new CommandError(400, "FEATURE_NOT_SUPPORTED",
            "Calling is only supported for Meta Cloud API and Evolution GO numbers.", null);

    /** What the claiming transaction decided. */
    private sealed interface Step {
        record Done(CommandOutcome outcome) implements Step {
        }

        record Proceed(CallSnapshot call) implements Step {
        }
    }

    private final Transactions tx;
    private final ProcessedMessages processed;
    private final CallRepository calls;
    private final CommandFailures failures;
    private final ParkedSignals parked;
    private final CallJournal journal;
    private final ProviderGateway providers;
    private final ConnectionGate connectionGate;
    private final Clock clock;

    public CommandService(Transactions tx, ProcessedMessages processed, CallRepository calls,
            CommandFailures failures, ParkedSignals parked, CallJournal journal, ProviderGateway providers,
            ConnectionGate connectionGate, Clock clock) {
        this.tx = tx;
        this.processed = processed;
        this.calls = calls;
        this.failures = failures;
        this.parked = parked;
        this.journal = journal;
        this.providers = providers;
        this.connectionGate = connectionGate;
        this.clock = clock;
    }

    /** What the claiming part of a command decided. */
    public sealed interface Claim {

        /** Answered without the provider: refused, or a redelivery answered from what is stored. */
        record Answered(CommandOutcome outcome) implements Claim {
        }

        /** Claimed and committed; {@code providerPart} (cold) asks the provider and records its answer. */
        record Claimed(Mono<CommandOutcome> providerPart) implements Claim {
        }

        /** Not claimed: deciding needs the provider first (a GO instance never asked); nothing was stored. */
        record NeedsProvider() implements Claim {
        }
    }

    /** Claims and carries out a command in one go, asking the provider whatever the claim needs. */
    public Mono<CommandOutcome> execute(IncomingCommand command) {
        return claim(command, true).flatMap(claim -> switch (claim) {
            case Claim.Answered answered -> Mono.just(answered.outcome());
            case Claim.Claimed claimed -> claimed.providerPart();
            case Claim.NeedsProvider needs -> Mono.error(new IllegalStateException("claim may ask the provider"));
        });
    }

    /**
     * The command's claiming transaction (and any refusal that needs no provider).
     *
     * @param mayAskProvider false when no provider request may happen here; a command that needs one to be
     *                       decided is then {@link Claim.NeedsProvider}
     */
    public Mono<Claim> claim(IncomingCommand command, boolean mayAskProvider) {
        return (mayAskProvider || !gated(command) ? Mono.just(false)
                        : connectionGate.mustAskProvider(command.number()))
                .flatMap(mustAsk -> mustAsk ? Mono.just(new Claim.NeedsProvider()) : claimNow(command))
                // every command is answered; calls are never deleted, so this is a bug, not a state
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("command " + command.commandId()
                        + " produced no outcome")));
    }

    private Mono<Claim> claimNow(IncomingCommand command) {
        return connectionRefusal(command)
                .flatMap(refusal -> tx.inTransaction(() -> processed.firstDelivery(CONSUMER, command.commandId())
                        .flatMap(first -> first ? decide(command, refusal) : replay(command).map(Step.Done::new))))
                .map(step -> switch (step) {
                    case Step.Done done -> new Claim.Answered(done.outcome());
                    case Step.Proceed proceed -> new Claim.Claimed(Mono.defer(() -> perform(command, proceed.call())));
                });
    }

    /** The commands the connection gate looks at. */
    private static boolean gated(IncomingCommand command) {
        return command.number().supportsCalling()
                && (command.action() instanceof Place || command.action() instanceof Accept);
    }

    // ---- in the claiming transaction ----

    /**
     * Starting or answering a call on a disconnected GO instance is refused up front (outside the
     * claiming transaction, since it may ask GO), so nothing is stored or sent for it.
     */
    private Mono<Optional<CommandError>> connectionRefusal(IncomingCommand command) {
        if (!command.number().supportsCalling()) {
            return Mono.just(Optional.empty());
        }
        Mono<CommandError> refusal = switch (command.action()) {
            case Place place -> connectionGate.refusal(command.number());
            // only for a call that could be accepted: anything else is refused for what it is
            case Accept accept -> calls.findForNumber(command.number().numberId(), command.callId())
                    .filter(call -> call.permits(Trigger.ACCEPT))
                    .flatMap(call -> connectionGate.refusal(command.number()));
            default -> Mono.empty();
        };
        return refusal.map(Optional::of).defaultIfEmpty(Optional.empty());
    }

    private Mono<Step> decide(IncomingCommand command, Optional<CommandError> connectionRefusal) {
        if (!command.number().supportsCalling()) {
            return refuse(command, UNSUPPORTED);
        }
        if (command.action() instanceof Place place) {
            if (connectionRefusal.isPresent()) {
                return refuse(command, connectionRefusal.get());
            }
            return calls.exists(command.callId()).flatMap(exists -> exists
                    ? refuse(command, new CommandError(409, "CALL_ALREADY_EXISTS",
                            "A call with id " + command.callId() + " already exists", null))
                    : open(command, place));
        }
        Trigger trigger = trigger(command.action());
        return calls.findForNumber(command.number().numberId(), command.callId())
                .flatMap(call -> {
                    if (!call.permits(trigger)) {
                        return refuse(command, call.id(), CommandError.invalidState(
                                new IllegalTransitionException(call.status(), trigger)));
                    }
                    if (connectionRefusal.isPresent()) {
                        return refuse(command, call.id(), connectionRefusal.get());
                    }
                    if (command.action() instanceof Accept accept) {
                        Optional<String> conflict = call.answerConflict(accept.sdp());
                        if (conflict.isPresent()) {
                            return refuse(command, call.id(), new CommandError(400, "INVALID_REQUEST", conflict.get(),
                                    "{\"field\":\"sdp\",\"problem\":\"must equal the pre-accept SDP\"}"));
                        }
                    }
                    return Mono.<Step>just(new Step.Proceed(call.snapshot()));
                })
                .switchIfEmpty(Mono.defer(() -> refuse(command, CommandError.callNotFound())));
    }

    private Mono<Step> open(IncomingCommand command, Place place) {
        Provider provider = command.number().provider();
        Call call = Call.placeOutbound(command.callId(), command.number().ref(), place.to(),
                place.bizOpaqueCallbackData(), provider == Provider.META ? place.sdp() : null, now());
        return journal.recordNew(call, List.of()).thenReturn(new Step.Proceed(call.snapshot()));
    }

    private Mono<Step> refuse(IncomingCommand command, CommandError error) {
        return refuse(command, command.callId(), error);
    }

    /** @param callId the call's own id once it is known (the command may name it by the provider's id) */
    private Mono<Step> refuse(IncomingCommand command, String callId, CommandError error) {
        return failures.record(command.commandId(), callId, error)
                .thenReturn(new Step.Done(new Failed(command.callId(), error)));
    }

    /** A redelivery: the stored error, or the call as it is now. */
    private Mono<CommandOutcome> replay(IncomingCommand command) {
        return failures.find(command.commandId())
                .<CommandOutcome>map(error -> new Failed(command.callId(), error))
                .switchIfEmpty(calls.findForNumber(command.number().numberId(), command.callId())
                        .map(call -> new Succeeded(call.snapshot())))
                .switchIfEmpty(Mono.fromSupplier(() -> new Failed(command.callId(), CommandError.callNotFound())));
    }

    // ---- after the claim: the provider, then a transaction for its answer ----

    private Mono<CommandOutcome> perform(IncomingCommand command, CallSnapshot call) {
        var number = command.number();
        return switch (command.action()) {
            case Place place -> providers.place(number, call)
                    .flatMap(externalCallId -> afterProvider(() -> placed(command, externalCallId)))
                    // never sent: the call ends here, nothing rings
                    .onErrorResume(ProviderBusyException.class,
                            e -> failCall(command, call.id(), EndReason.PROVIDER_BUSY, e.error()))
                    .onErrorResume(ProviderException.class, e -> rememberDisconnected(number, e.error())
                            .then(failCall(command, call.id(), EndReason.PROVIDER_ERROR, e.error())))
                    .onErrorResume(ProviderTimeoutException.class,
                            e -> failCall(command, call.id(), EndReason.PROVIDER_TIMEOUT, e.error()));
            case PreAccept preAccept -> act(command, call, providers.preAccept(number, call, preAccept.sdp()),
                    (c, now) -> c.preAccept(preAccept.sdp(), now), CallStatus.RINGING);
            case Accept accept -> {
                String sdp = Call.restore(call).answerSdp(accept.sdp());
                yield act(command, call, providers.accept(number, call, sdp),
                        (c, now) -> c.answer(sdp, now), CallStatus.ACCEPTED);
            }
            case Reject reject -> act(command, call, providers.reject(number, call),
                    (c, now) -> c.reject(now), CallStatus.REJECTED);
            case Terminate terminate -> act(command, call, providers.terminate(number, call),
                    (c, now) -> c.terminate(now), CallStatus.COMPLETED);
        };
    }

    private Mono<Void> rememberDisconnected(NumberAccount number, CommandError error) {
        return error.code().equals(ConnectionGate.NOT_CONNECTED.code())
                ? connectionGate.noteNotConnected(number)
                : Mono.empty();
    }

    /** The provider named the call: store its id and apply whatever it already reported under that id. */
    private Mono<CommandOutcome> placed(IncomingCommand command, String externalCallId) {
        return calls.lockExternalId(command.number().numberId(), externalCallId)
                .then(calls.findById(command.callId()))
                .flatMap(call -> {
                    Instant now = now();
                    boolean givenUp = call.status().isTerminal(); // the sweeper failed it while the provider was slow
                    call.noteProviderAccepted(externalCallId, now);
                    return parked.applyTo(call, now)
                            .flatMap(events -> journal.record(call, events))
                            .then(Mono.fromSupplier(() -> {
                                if (givenUp) {
                                    providers.releaseQuietly(command.number(), call.snapshot());
                                }
                                return new Succeeded(call.snapshot());
                            }));
                });
    }

    /** An action on an existing call: ask the provider, then apply the transition it carried out. */
    private Mono<CommandOutcome> act(IncomingCommand command, CallSnapshot call, Mono<Void> providerRequest,
            BiFunction<Call, Instant, List<CallEvent>> change, CallStatus target) {
        return providerRequest
                .then(afterProvider(() -> applyAction(command, call.id(), change, target)))
                .onErrorResume(ProviderException.class, e -> failures.record(command.commandId(), call.id(),
                        e.error()).thenReturn(new Failed(command.callId(), e.error())))
                .onErrorResume(ProviderTimeoutException.class, e -> failCall(command, call.id(),
                        EndReason.PROVIDER_TIMEOUT, e.error())
                        .doOnSuccess(failed -> providers.releaseQuietly(command.number(), call)));
    }

    private Mono<CommandOutcome> applyAction(IncomingCommand command, String callId,
            BiFunction<Call, Instant, List<CallEvent>> change, CallStatus target) {
        return calls.findById(callId).flatMap(call -> {
            try {
                List<CallEvent> events = change.apply(call, now());
                return journal.record(call, events).thenReturn(new Succeeded(call.snapshot()));
            } catch (IllegalTransitionException e) {
                // The provider's own report of what it just did may have been applied first.
                boolean alreadyDone = call.status() == target || (target.isTerminal() && call.status().isTerminal());
                if (alreadyDone) {
                    return Mono.just(new Succeeded(call.snapshot()));
                }
                CommandError error = CommandError.invalidState(e);
                return failures.record(command.commandId(), callId, error)
                        .thenReturn(new Failed(command.callId(), error));
            }
        });
    }

    private Mono<CommandOutcome> failCall(IncomingCommand command, String callId, EndReason reason,
            CommandError error) {
        return afterProvider(() -> calls.findById(callId)
                        .flatMap(call -> call.permits(Trigger.FAILURE)
                                ? journal.record(call, call.fail(reason, now()))
                                : Mono.empty())
                        .then(failures.record(command.commandId(), callId, error)))
                .thenReturn(new Failed(command.callId(), error));
    }

    /**
     * The transaction recording what the provider did. The provider cannot be asked again (the command
     * is claimed), so a database hiccup is waited out here rather than losing its answer.
     */
    private <T> Mono<T> afterProvider(Supplier<Mono<T>> work) {
        return tx.inTransaction(work).retryWhen(Retry.backoff(5, Duration.ofMillis(200))
                .filter(FailureClassifier::isTransient)
                .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
    }

    private static Trigger trigger(CallAction action) {
        return switch (action) {
            case Place place -> throw new IllegalArgumentException("placing a call is not a transition");
            case PreAccept preAccept -> Trigger.PRE_ACCEPT;
            case Accept accept -> Trigger.ACCEPT;
            case Reject reject -> Trigger.REJECT;
            case Terminate terminate -> Trigger.TERMINATE;
        };
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
