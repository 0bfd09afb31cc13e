package io.ringline.sandbox.control;

import java.time.Clock;
import java.util.List;

import io.ringline.sandbox.sim.call.SimulatedCallView;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What the providers saw of each call, and the user's hang-up button. */
@RestController
@ControlApi
@RequestMapping("/sandbox/calls")
class CallInspectionController {

    private final SandboxCalls calls;
    private final Clock clock;

    CallInspectionController(SandboxCalls calls, Clock clock) {
        this.calls = calls;
        this.clock = clock;
    }

    /** Newest first, optionally narrowed to one business or peer phone (digits). */
    @GetMapping
    List<SimulatedCallView> list(@RequestParam(required = false) String business,
            @RequestParam(required = false) String peer) {
        return calls.snapshots(clock.instant()).stream()
                .filter(call -> business == null || business.equals(call.parties().business()))
                .filter(call -> peer == null || peer.equals(call.parties().peer()))
                .toList();
    }

    @GetMapping("/{externalCallId}")
    SimulatedCallView get(@PathVariable String externalCallId) {
        return calls.find(externalCallId)
                .orElseThrow(() -> new NotFoundException("call " + externalCallId + " not found"))
                .snapshot(clock.instant());
    }

    /** The simulated user hangs up (or declines a call still ringing at it); 409 when the call already ended. */
    @PostMapping("/{externalCallId}/hangup")
    SimulatedCallView hangUp(@PathVariable String externalCallId) {
        var simulator = calls.owning(externalCallId);
        if (!simulator.userHangsUp(externalCallId)) {
            throw new ConflictException("call " + externalCallId + " already ended");
        }
        return get(externalCallId);
    }
}
