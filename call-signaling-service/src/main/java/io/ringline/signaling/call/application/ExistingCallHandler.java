package io.ringline.signaling.call.application;

import io.ringline.signaling.call.Call;
import io.ringline.signaling.call.CallEvent;
import io.ringline.signaling.call.CallSnapshot;
import io.ringline.signaling.call.CommandError;
import io.ringline.signaling.call.EndReason;
import io.ringline.signaling.call.IllegalTransitionException;
import io.ringline.signaling.call.Trigger;
import io.ringline.signaling.call.application.CommandOutcome.Succeeded;
import io.ringline.signaling.call.persistence.CallRepository;
import io.ringline.signaling.call.provider.ProviderException;
import io.ringline.signaling.call.provider.ProviderGateway;
import io.ringline.signaling.call.provider.ProviderTimeoutException;
import io.ringline.signaling.number.NumberAccount;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * An action on a call that exists (pre-accept, accept, reject, terminate): the call is loaded once, in the
 * claiming transaction, where the aggregate's table says whether the action is allowed; after the provider did
 * it, the same call takes the transition in one transaction. If the provider's own report of it got there
 * first, the aggregate says it is already done ({@link Call#alreadyDone}) and the command succeeds.
 */
abstract class ExistingCallHandler<A extends CallAction> implements CallActionHandler<A> {

    private final CallRepository calls;
    private final CallJournal journal;
    private final CommandSteps steps;
    protected final ProviderGateway providers;

    ExistingCallHandler(CallRepository calls, CallJournal journal, CommandSteps steps, ProviderGateway providers) {
        this.calls = calls;
        this.journal = journal;
        this.steps = steps;
        this.providers = providers;
    }

    /** The aggregate's trigger for this action. */
    abstract Trigger trigger();

    /** The provider request carrying the action out. */
    abstract Mono<Void> request(NumberAccount number, Call call, A action);

    /** The transition, once the provider did it. */
    abstract List<CallEvent> change(Call call, A action, Instant now);

    /** A refusal of this action's own, checked after the state and connection checks. */
    Optional<CommandError> conflict(Call call, A action) {
        return Optional.empty();
    }

    @Override
    public final Mono<Decision> decide(IncomingCommand command, A action, Optional<CommandError> connectionRefusal) {
        return calls.findForNumber(command.number().numberId(), command.callId())
                .flatMap(call -> {
                    if (!call.permits(trigger())) {
                        return refused(command, call.id(),
                                CommandError.invalidState(new IllegalTransitionException(call.status(), trigger())));
                    }
                    Optional<CommandError> refusal = connectionRefusal.or(() -> conflict(call, action));
                    return refusal.isPresent() ? refused(command, call.id(), refusal.get())
                            : Mono.<Decision>just(new Decision.Proceed(call));
                })
                // nothing is stored for a call that is not there: the claim is rolled back (CommandService)
                .switchIfEmpty(Mono.error(UnknownCall::new));
    }

    /** The command names no call of its number; thrown to roll the claim back, answered 404 CALL_NOT_FOUND. */
    static final class UnknownCall extends RuntimeException {
        UnknownCall() {
            super("call not found", null, false, false);
        }
    }

    private Mono<Decision> refused(IncomingCommand command, String callId, CommandError error) {
        return steps.refuse(command, callId, error).map(Decision.Refused::new);
    }

    @Override
    public final Mono<CommandOutcome> perform(IncomingCommand command, A action, Call call) {
        CallSnapshot before = call.snapshot();
        NumberAccount number = command.number();
        return request(number, call, action)
                .then(steps.afterProvider(call, current -> apply(command, action, current)))
                .onErrorResume(ProviderException.class, e -> steps.refuse(command, before.id(), e.error()))
                .onErrorResume(ProviderTimeoutException.class, e -> steps.failCall(command, call,
                                EndReason.PROVIDER_TIMEOUT, e.callEndedError())
                        .doOnSuccess(failed -> providers.releaseQuietly(number, before)));
    }

    private Mono<CommandOutcome> apply(IncomingCommand command, A action, Call call) {
        try {
            List<CallEvent> events = change(call, action, steps.now());
            return journal.record(call, events).thenReturn(new Succeeded(call.snapshot()));
        } catch (IllegalTransitionException e) {
            if (call.alreadyDone(trigger())) {
                return Mono.just(new Succeeded(call.snapshot()));
            }
            return steps.refuse(command, call.id(), CommandError.invalidState(e));
        }
    }
}
