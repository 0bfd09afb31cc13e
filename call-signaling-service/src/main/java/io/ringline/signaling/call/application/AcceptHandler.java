package io.ringline.signaling.call.application;

import io.ringline.signaling.call.Call;
import io.ringline.signaling.call.CallEvent;
import io.ringline.signaling.call.CommandError;
import io.ringline.signaling.call.Trigger;
import io.ringline.signaling.call.application.CallAction.Accept;
import io.ringline.signaling.call.persistence.CallRepository;
import io.ringline.signaling.call.provider.ProviderGateway;
import io.ringline.signaling.number.NumberAccount;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Answers an inbound call that rings, with the SDP given or the one pre-accepted (META). */
@Component
class AcceptHandler extends ExistingCallHandler<Accept> {

    AcceptHandler(CallRepository calls, CallJournal journal, CommandSteps steps, ProviderGateway providers) {
        super(calls, journal, steps, providers);
    }

    @Override
    Trigger trigger() {
        return Trigger.ACCEPT;
    }

    @Override
    Optional<CommandError> conflict(Call call, Accept action) {
        return call.answerConflict(action.sdp()).map(problem -> new CommandError(400, "INVALID_REQUEST", problem,
                "{\"field\":\"sdp\",\"problem\":\"must equal the pre-accept SDP\"}"));
    }

    @Override
    Mono<Void> request(NumberAccount number, Call call, Accept action) {
        return providers.accept(number, call.snapshot(), call.answerSdp(action.sdp()));
    }

    @Override
    List<CallEvent> change(Call call, Accept action, Instant now) {
        return call.answer(call.answerSdp(action.sdp()), now);
    }
}
