package io.ringline.sandbox.evogo.api;

import static io.ringline.sandbox.evogo.api.GoRequests.required;

import java.time.Clock;

import io.ringline.sandbox.evogo.GoCall;
import io.ringline.sandbox.evogo.GoInstance;
import io.ringline.sandbox.evogo.GoSimulator;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** The GO call routes (SPEC §6.2) of one instance; {@link GoApiFilter} has already authenticated the request. */
@RestController
@RequestMapping("/evogo/{instance}/call")
class GoCallController {

    private final GoSimulator simulator;
    private final JsonMapper json;
    private final Clock clock;

    GoCallController(GoSimulator simulator, JsonMapper json, Clock clock) {
        this.simulator = simulator;
        this.json = json;
        this.clock = clock;
    }

    @PostMapping("/start")
    @ResponseStatus(HttpStatus.CREATED)
    GoResponses.CallStarted start(@RequestAttribute(GoApiFilter.INSTANCE) GoInstance instance,
            @RequestBody GoRequests.StartCall request) {
        GoCall call = simulator.startCall(instance, required(request.number(), "number"), json.valueToTree(request));
        return new GoResponses.CallStarted(call.callId(), call.state());
    }

    @PostMapping("/answer")
    GoResponses.Message answer(@RequestAttribute(GoApiFilter.INSTANCE) GoInstance instance,
            @RequestBody GoRequests.CallId request) {
        simulator.answer(instance, required(request.callId(), "callId"), json.valueToTree(request));
        return GoResponses.Message.SUCCESS;
    }

    @PostMapping("/reject")
    GoResponses.Message reject(@RequestAttribute(GoApiFilter.INSTANCE) GoInstance instance,
            @RequestBody GoRequests.RejectCall request) {
        simulator.reject(instance, required(request.callId(), "callId"), required(request.callCreator(), "callCreator"),
                json.valueToTree(request));
        return GoResponses.Message.SUCCESS;
    }

    @PostMapping("/hangup")
    GoResponses.Message hangUp(@RequestAttribute(GoApiFilter.INSTANCE) GoInstance instance,
            @RequestBody GoRequests.CallId request) {
        simulator.hangUp(instance, required(request.callId(), "callId"), json.valueToTree(request));
        return GoResponses.Message.SUCCESS;
    }

    @GetMapping("/list")
    GoResponses.CallList list(@RequestAttribute(GoApiFilter.INSTANCE) GoInstance instance) {
        return new GoResponses.CallList(simulator.list(instance).stream()
                .map(call -> GoResponses.CallView.of(call, clock))
                .toList());
    }

    @GetMapping("/{callId}")
    GoResponses.CallView get(@RequestAttribute(GoApiFilter.INSTANCE) GoInstance instance,
            @PathVariable String callId) {
        return GoResponses.CallView.of(simulator.find(instance, callId), clock);
    }
}
