package io.ringline.signaling.call.application;

import io.ringline.signaling.call.Call;
import io.ringline.signaling.call.CallEvent;
import io.ringline.signaling.call.Trigger;
import io.ringline.signaling.call.application.CallAction.Terminate;
import io.ringline.signaling.call.persistence.CallRepository;
import io.ringline.signaling.call.provider.ProviderGateway;
import io.ringline.signaling.number.NumberAccount;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Hangs up: an answered call completes, an unanswered outbound one is called off. */
@Component
class TerminateHandler extends ExistingCallHandler<Terminate> {

    TerminateHandler(CallRepository calls, CallJournal journal, CommandSteps steps, ProviderGateway providers) {
        super(calls, journal, steps, providers);
    }

    @Override
    Trigger trigger() {
        return Trigger.TERMINATE;
    }

    @Override
    Mono<Void> request(NumberAccount number, Call call, Terminate action) {
        return providers.terminate(number, call.snapshot());
    }

    @Override
    List<CallEvent> change(Call call, Terminate action, Instant now) {
        return call.terminate(now);
    }
}
