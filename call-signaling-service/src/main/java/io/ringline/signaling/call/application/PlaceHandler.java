package io.ringline.signaling.call.application;

import io.ringline.signaling.call.Call;
import io.ringline.signaling.call.CommandError;
import io.ringline.signaling.call.EndReason;
import io.ringline.signaling.call.application.CallAction.Place;
import io.ringline.signaling.call.application.CommandOutcome.Succeeded;
import io.ringline.signaling.call.persistence.CallRepository;
import io.ringline.signaling.call.provider.ProviderBusyException;
import io.ringline.signaling.call.provider.ProviderException;
import io.ringline.signaling.call.provider.ProviderGateway;
import io.ringline.signaling.call.provider.PlaceTimeoutException;
import io.ringline.signaling.call.provider.ProviderTimeoutException;
import io.ringline.signaling.number.Provider;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Places a business-initiated call: stores it INITIATED with the claim, asks the provider, then records the
 * provider's id on the stored call (and whatever the provider already reported under that id). A call the
 * provider refused or never answered for ends FAILED; nothing rings.
 */
@Component
class PlaceHandler implements CallActionHandler<Place> {

    private static final Logger log = LoggerFactory.getLogger(PlaceHandler.class);

    private final CallRepository calls;
    private final CallJournal journal;
    private final ParkedSignals parked;
    private final ProviderGateway providers;
    private final ConnectionGate connectionGate;
    private final CommandSteps steps;

    PlaceHandler(CallRepository calls, CallJournal journal, ParkedSignals parked, ProviderGateway providers,
            ConnectionGate connectionGate, CommandSteps steps) {
        this.calls = calls;
        this.journal = journal;
        this.parked = parked;
        this.providers = providers;
        this.connectionGate = connectionGate;
        this.steps = steps;
    }

    @Override
    public Mono<Decision> decide(IncomingCommand command, Place place, Optional<CommandError> connectionRefusal) {
        if (connectionRefusal.isPresent()) {
            return refused(command, connectionRefusal.get());
        }
        Provider provider = command.number().provider();
        Call call = Call.placeOutbound(command.callId(), command.number().ref(), place.to(),
                place.bizOpaqueCallbackData(), provider == Provider.META ? place.sdp() : null, steps.now());
        // The insert itself says whether the id is taken: no read before it.
        return journal.recordNewIfAbsent(call, List.of()).flatMap(recorded -> recorded
                ? Mono.just(new Decision.Proceed(call))
                : refused(command, new CommandError(409, "CALL_ALREADY_EXISTS",
                        "A call with id " + command.callId() + " already exists", null)));
    }

    private Mono<Decision> refused(IncomingCommand command, CommandError error) {
        return steps.refuse(command, command.callId(), error).map(Decision.Refused::new);
    }

    @Override
    public Mono<CommandOutcome> perform(IncomingCommand command, Place place, Call call) {
        var number = command.number();
        return providers.place(number, call.snapshot())
                .flatMap(externalCallId -> steps.afterProvider(call, stored -> placed(command, stored, externalCallId)))
                // never sent: the call ends here, nothing rings
                .onErrorResume(ProviderBusyException.class,
                        e -> steps.failCall(command, call, EndReason.PROVIDER_BUSY, e.error()))
                .onErrorResume(ProviderException.class, e -> rememberDisconnected(command, e.error())
                        .then(steps.failCall(command, call, EndReason.PROVIDER_ERROR, e.error())))
                .onErrorResume(ProviderTimeoutException.class,
                        e -> steps.failCall(command, call, EndReason.PROVIDER_TIMEOUT, e.error())
                                .doOnSuccess(failed -> settleLateAnswer(command, call.id(), e)));
    }

    /**
     * The connect may have reached the provider and created the call there even though it did not answer in time:
     * if its answer still comes, the id is recorded on the failed call and the provider is told to hang up (in
     * {@link #placed}), so nothing is left ringing that nobody can cancel. Detached: the command is answered
     * already. (If this process stops first, the call's own webhooks name it: {@code SignalService}.)
     */
    private void settleLateAnswer(IncomingCommand command, String callId, ProviderTimeoutException timeout) {
        if (!(timeout instanceof PlaceTimeoutException late)) {
            return;
        }
        late.lateCallId()
                .flatMap(externalCallId -> steps.afterProvider(callId, stored -> placed(command, stored, externalCallId)))
                .subscribe(done -> log.info("call {}: {} named it after the timeout", callId,
                                command.number().provider()),
                        e -> log.debug("call {}: no late answer from {}: {}", callId, command.number().provider(),
                                e.toString()));
    }

    private Mono<Void> rememberDisconnected(IncomingCommand command, CommandError error) {
        return error.code().equals(ConnectionGate.NOT_CONNECTED.code())
                ? connectionGate.noteNotConnected(command.number())
                : Mono.empty();
    }

    /** The provider named the call: store its id and apply whatever it already reported under that id. */
    private Mono<CommandOutcome> placed(IncomingCommand command, Call call, String externalCallId) {
        return calls.lockExternalId(command.number().numberId(), externalCallId).then(Mono.defer(() -> {
            Instant now = steps.now();
            // the provider was slow: the timeout or the sweeper failed the call before its answer came (unless its
            // own webhook named it first: then it was hung up then, GivenUpPlacements)
            boolean givenUp = call.status().isTerminal() && call.externalCallId() == null;
            call.noteProviderAccepted(externalCallId, now);
            return parked.applyTo(call, now)
                    .flatMap(events -> journal.record(call, events))
                    .then(Mono.fromSupplier(() -> {
                        if (givenUp) {
                            providers.releaseQuietly(command.number(), call.snapshot());
                        }
                        return new Succeeded(call.snapshot());
                    }));
        }));
    }
}
