package io.ringline.signaling.call.application;

import io.ringline.platform.persistence.ProcessedMessages;
import io.ringline.platform.persistence.Transactions;
import io.ringline.signaling.call.Call;
import io.ringline.signaling.call.CommandError;
import io.ringline.signaling.call.Trigger;
import io.ringline.signaling.call.application.CallAction.Accept;
import io.ringline.signaling.call.application.CallAction.Place;
import io.ringline.signaling.call.application.CallAction.PreAccept;
import io.ringline.signaling.call.application.CallAction.Reject;
import io.ringline.signaling.call.application.CallAction.Terminate;
import io.ringline.signaling.call.application.CallActionHandler.Decision;
import io.ringline.signaling.call.application.CommandOutcome.Failed;
import io.ringline.signaling.call.application.CommandOutcome.Succeeded;
import io.ringline.signaling.call.persistence.CallRepository;
import io.ringline.signaling.call.persistence.CommandFailures;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Executes tenants' commands on calls, each action by its own handler ({@link PlaceHandler}, {@link
 * PreAcceptHandler}, {@link AcceptHandler}, {@link RejectHandler}, {@link TerminateHandler}). A command is
 * claimed (its id recorded as processed) in the transaction that checks it, before the provider is asked: a
 * redelivered command is answered from what is stored and never reaches the provider twice. The provider's answer
 * is then recorded in one more transaction. The two halves are separate ({@link #claim}, then {@link
 * Claim.Claimed#providerPart}) so the consumer can commit the claim inside its batch and let the provider part
 * run outside it. A command first read past its {@link CommandDeadline} is answered without being claimed or
 * carried out: it could no longer finish before its sender stops waiting and tells the tenant nothing changed.
 */
@Service
public class CommandService {

    static final String CONSUMER = "signaling.commands";

    private static final Logger log = LoggerFactory.getLogger(CommandService.class);

    private static final ConnectionGate.Verdict OPEN = new ConnectionGate.Verdict.Open();

    private static final CommandError UNSUPPORTED = new CommandError(400, "FEATURE_NOT_SUPPORTED",
            "Calling is only supported for Meta Cloud API and Evolution GO numbers.", null);

    private final Transactions tx;
    private final ProcessedMessages processed;
    private final CallRepository calls;
    private final CommandFailures failures;
    private final ConnectionGate connectionGate;
    private final CommandSteps steps;
    private final CommandDeadline deadline;
    private final PlaceHandler placing;
    private final PreAcceptHandler preAccepting;
    private final AcceptHandler accepting;
    private final RejectHandler rejecting;
    private final TerminateHandler terminating;

    CommandService(Transactions tx, ProcessedMessages processed, CallRepository calls, CommandFailures failures,
            ConnectionGate connectionGate, CommandSteps steps, CommandDeadline deadline, PlaceHandler placing,
            PreAcceptHandler preAccepting, AcceptHandler accepting, RejectHandler rejecting,
            TerminateHandler terminating) {
        this.tx = tx;
        this.processed = processed;
        this.calls = calls;
        this.failures = failures;
        this.connectionGate = connectionGate;
        this.steps = steps;
        this.deadline = deadline;
        this.placing = placing;
        this.preAccepting = preAccepting;
        this.accepting = accepting;
        this.rejecting = rejecting;
        this.terminating = terminating;
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
        return connectionVerdict(command, mayAskProvider)
                .flatMap(verdict -> switch (verdict) {
                    case ConnectionGate.Verdict.Unknown unknown -> Mono.<Claim>just(new Claim.NeedsProvider());
                    case ConnectionGate.Verdict.Open open -> claimNow(command, Optional.empty());
                    case ConnectionGate.Verdict.Refused refused -> claimNow(command, Optional.of(refused.error()));
                })
                // every command is answered; calls are never deleted, so this is a bug, not a state
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("command " + command.commandId()
                        + " produced no outcome")));
    }

    /**
     * Starting or answering a call on a disconnected GO instance is refused (outside the claiming transaction,
     * since it may ask GO), so nothing is stored or sent for it; one read of the known state decides, and GO is
     * asked only where {@code mayAskProvider}. An accept learns it here without its call: the handler applies it
     * only to a call that could be accepted, anything else is refused for what it is.
     */
    private Mono<ConnectionGate.Verdict> connectionVerdict(IncomingCommand command, boolean mayAskProvider) {
        if (!gated(command)) {
            return Mono.just(OPEN);
        }
        return connectionGate.known(command.number())
                .flatMap(verdict -> verdict instanceof ConnectionGate.Verdict.Unknown && mayAskProvider
                        ? askIfItMatters(command)
                        : Mono.just(verdict));
    }

    /**
     * GO is asked for a state never seen only when the answer matters: for a placement, or for an accept of a call
     * that could be accepted (an accept of anything else is refused for what it is, without GO). Rare — the first
     * such command of a GO instance — so reading the call here too costs nothing on the usual path.
     */
    private Mono<ConnectionGate.Verdict> askIfItMatters(IncomingCommand command) {
        if (command.action() instanceof Accept) {
            return calls.findForNumber(command.number().numberId(), command.callId())
                    .filter(call -> call.permits(Trigger.ACCEPT))
                    .flatMap(call -> connectionGate.asked(command.number()))
                    .defaultIfEmpty(OPEN);
        }
        return connectionGate.asked(command.number());
    }

    private Mono<Claim> claimNow(IncomingCommand command, Optional<CommandError> refusal) {
        return tx.inTransaction(() -> processed.firstDelivery(CONSUMER, command.commandId())
                        .flatMap(first -> !first ? replay(command).map(Decision.Refused::new)
                                : deadline.expired(command.issuedAt()) ? Mono.error(new CommandDeadline.Expired())
                                : decide(command, refusal)))
                .<Claim>map(decision -> switch (decision) {
                    case Decision.Refused refused -> new Claim.Answered(refused.outcome());
                    case Decision.Proceed proceed ->
                            new Claim.Claimed(Mono.defer(() -> perform(command, proceed.call())));
                })
                // bad input changes nothing: no claim, no stored answer (a redelivery finds no call either)
                .onErrorResume(ExistingCallHandler.UnknownCall.class, e -> Mono.just(new Claim.Answered(
                        new Failed(command.callId(), CommandError.callNotFound()))))
                // too late to start: nothing claimed, nothing done; a redelivery of a command already carried out
                // was answered from what is stored above, and a retry (a new issuedAt) may still run
                .onErrorResume(CommandDeadline.Expired.class, e -> {
                    log.warn("command {} ({} on call {}) issued at {} is past its deadline; not carried out",
                            command.commandId(), command.action().getClass().getSimpleName(), command.callId(),
                            command.issuedAt());
                    return Mono.just(new Claim.Answered(new Failed(command.callId(), CommandDeadline.EXPIRED)));
                });
    }

    /** The commands the connection gate looks at. */
    private static boolean gated(IncomingCommand command) {
        return command.number().supportsCalling()
                && (command.action() instanceof Place || command.action() instanceof Accept);
    }

    private Mono<Decision> decide(IncomingCommand command, Optional<CommandError> refusal) {
        if (!command.number().supportsCalling()) {
            return steps.refuse(command, command.callId(), UNSUPPORTED).map(Decision.Refused::new);
        }
        return switch (command.action()) {
            case Place place -> placing.decide(command, place, refusal);
            case PreAccept preAccept -> preAccepting.decide(command, preAccept, refusal);
            case Accept accept -> accepting.decide(command, accept, refusal);
            case Reject reject -> rejecting.decide(command, reject, refusal);
            case Terminate terminate -> terminating.decide(command, terminate, refusal);
        };
    }

    private Mono<CommandOutcome> perform(IncomingCommand command, Call call) {
        return switch (command.action()) {
            case Place place -> placing.perform(command, place, call);
            case PreAccept preAccept -> preAccepting.perform(command, preAccept, call);
            case Accept accept -> accepting.perform(command, accept, call);
            case Reject reject -> rejecting.perform(command, reject, call);
            case Terminate terminate -> terminating.perform(command, terminate, call);
        };
    }

    /** A redelivery: the stored error, or the call as it is now. */
    private Mono<CommandOutcome> replay(IncomingCommand command) {
        return failures.find(command.commandId())
                .<CommandOutcome>map(error -> new Failed(command.callId(), error))
                .switchIfEmpty(calls.findForNumber(command.number().numberId(), command.callId())
                        .map(call -> new Succeeded(call.snapshot())))
                .switchIfEmpty(Mono.fromSupplier(() -> new Failed(command.callId(), CommandError.callNotFound())));
    }
}
