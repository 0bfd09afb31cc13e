package io.ringline.sandbox.control;

import io.ringline.sandbox.sim.Phones;
import io.ringline.sandbox.sim.fault.FaultSwitches;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Fault switches; a PUT replaces one scope entirely, switches it leaves out fall back to the global scope. */
@RestController
@ControlApi
@RequestMapping("/sandbox/faults")
class FaultsController {

    private static final int MAX_LATENCY_MS = 600_000;

    private final FaultSwitches faults;

    FaultsController(FaultSwitches faults) {
        this.faults = faults;
    }

    @PutMapping
    FaultsView replace(@RequestBody FaultRequest request) {
        if (request.latencyMs() != null && (request.latencyMs() < 0 || request.latencyMs() > MAX_LATENCY_MS)) {
            throw new IllegalArgumentException("latencyMs must be between 0 and " + MAX_LATENCY_MS);
        }
        if (request.answerLatencyMs() != null
                && (request.answerLatencyMs() < 0 || request.answerLatencyMs() > MAX_LATENCY_MS)) {
            throw new IllegalArgumentException("answerLatencyMs must be between 0 and " + MAX_LATENCY_MS);
        }
        if (request.errorCode() != null && request.errorCode() < 0) {
            throw new IllegalArgumentException("errorCode must be >= 0 (0 = no error)");
        }
        if (request.dropWebhooksPercent() != null
                && (request.dropWebhooksPercent() < 0 || request.dropWebhooksPercent() > 100)) {
            throw new IllegalArgumentException("dropWebhooksPercent must be between 0 and 100");
        }
        String number = request.number() == null ? null : Phones.require(request.number(), "number");
        faults.replace(number, request.settings());
        return view();
    }

    @GetMapping
    FaultsView view() {
        return new FaultsView(faults.global(), faults.perNumber());
    }

    @DeleteMapping
    FaultsView clear() {
        faults.clear();
        return view();
    }
}
