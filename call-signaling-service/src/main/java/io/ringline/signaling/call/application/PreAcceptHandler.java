package io.ringline.signaling.call.application;

import io.ringline.signaling.call.Call;
import io.ringline.signaling.call.CallEvent;
import io.ringline.signaling.call.Trigger;
import io.ringline.signaling.call.application.CallAction.PreAccept;
import io.ringline.signaling.call.persistence.CallRepository;
import io.ringline.signaling.call.provider.ProviderGateway;
import io.ringline.signaling.number.NumberAccount;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** META: sends the SDP answer early; the call keeps ringing until it is accepted. */
@Component
class PreAcceptHandler extends ExistingCallHandler<PreAccept> {

    PreAcceptHandler(CallRepository calls, CallJournal journal, CommandSteps steps, ProviderGateway providers) {
        super(calls, journal, steps, providers);
    }

    @Override
    Trigger trigger() {
        return Trigger.PRE_ACCEPT;
    }

    @Override
    Mono<Void> request(NumberAccount number, Call call, PreAccept action) {
        return providers.preAccept(number, call.snapshot(), action.sdp());
    }

    @Override
    List<CallEvent> change(Call call, PreAccept action, Instant now) {
        return call.preAccept(action.sdp(), now);
    }
}
