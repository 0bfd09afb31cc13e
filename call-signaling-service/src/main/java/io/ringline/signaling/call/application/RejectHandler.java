package io.ringline.signaling.call.application;

import io.ringline.signaling.call.Call;
import io.ringline.signaling.call.CallEvent;
import io.ringline.signaling.call.Trigger;
import io.ringline.signaling.call.application.CallAction.Reject;
import io.ringline.signaling.call.persistence.CallRepository;
import io.ringline.signaling.call.provider.ProviderGateway;
import io.ringline.signaling.number.NumberAccount;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Declines an inbound call that rings. */
@Component
class RejectHandler extends ExistingCallHandler<Reject> {

    RejectHandler(CallRepository calls, CallJournal journal, CommandSteps steps, ProviderGateway providers) {
        super(calls, journal, steps, providers);
    }

    @Override
    Trigger trigger() {
        return Trigger.REJECT;
    }

    @Override
    Mono<Void> request(NumberAccount number, Call call, Reject action) {
        return providers.reject(number, call.snapshot());
    }

    @Override
    List<CallEvent> change(Call call, Reject action, Instant now) {
        return call.reject(now);
    }
}
