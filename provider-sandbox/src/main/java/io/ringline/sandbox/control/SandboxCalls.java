package io.ringline.sandbox.control;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.ringline.sandbox.sim.call.SimulatedCallView;
import io.ringline.sandbox.sim.call.ProviderSimulator;
import io.ringline.sandbox.sim.call.SimulatedCall;
import org.springframework.stereotype.Component;

/** The calls of all simulated providers, for the provider-neutral control API. */
@Component
class SandboxCalls {

    private final List<ProviderSimulator> simulators;

    SandboxCalls(List<ProviderSimulator> simulators) {
        this.simulators = simulators;
    }

    /** The simulator that serves a business phone; 404 when none does, 409 when both do. */
    ProviderSimulator servingBusiness(String businessPhone) {
        List<ProviderSimulator> serving = simulators.stream()
                .filter(simulator -> simulator.servesBusinessPhone(businessPhone))
                .toList();
        if (serving.isEmpty()) {
            throw new NotFoundException("no sandbox number serves " + businessPhone);
        }
        if (serving.size() > 1) {
            throw new ConflictException(businessPhone + " is provisioned on more than one provider");
        }
        return serving.getFirst();
    }

    ProviderSimulator owning(String externalCallId) {
        return simulators.stream()
                .filter(simulator -> simulator.findCall(externalCallId).isPresent())
                .findFirst()
                .orElseThrow(() -> new NotFoundException("call " + externalCallId + " not found"));
    }

    Optional<? extends SimulatedCall> find(String externalCallId) {
        return simulators.stream()
                .map(simulator -> simulator.findCall(externalCallId))
                .flatMap(Optional::stream)
                .findFirst();
    }

    List<SimulatedCallView> snapshots(Instant now) {
        return simulators.stream()
                .flatMap(ProviderSimulator::calls)
                .map(call -> call.snapshot(now))
                .sorted(Comparator.comparing((SimulatedCallView view) -> view.times().startedAt()).reversed())
                .toList();
    }
}
