package io.ringline.sandbox.meta.api;

import io.ringline.sandbox.meta.MetaNumber;
import io.ringline.sandbox.meta.MetaSimulator;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code POST /{phone-number-id}/calls}: Meta's single endpoint for every call action. */
@RestController
class MetaCallsController {

    private final MetaSimulator simulator;

    MetaCallsController(MetaSimulator simulator) {
        this.simulator = simulator;
    }

    @PostMapping("/meta/{version}/{phoneNumberId}/calls")
    GraphResponses.CallActionResult calls(@RequestAttribute(GraphFilter.NUMBER) MetaNumber number,
            @RequestBody JsonNode body) {
        GraphCallRequest action = GraphCallRequest.parse(body);
        return switch (action.kind()) {
            case CONNECT -> GraphResponses.CallCreated.of(
                    simulator.connect(number, action.to(), action.sdp(), action.bizOpaqueCallbackData(), body).id());
            case PRE_ACCEPT -> {
                simulator.preAccept(number, action.callId(), action.sdp(), body);
                yield GraphResponses.Success.OK;
            }
            case ACCEPT -> {
                simulator.accept(number, action.callId(), action.sdp(), action.bizOpaqueCallbackData(), body);
                yield GraphResponses.Success.OK;
            }
            case REJECT -> {
                simulator.reject(number, action.callId(), body);
                yield GraphResponses.Success.OK;
            }
            case TERMINATE -> {
                simulator.terminate(number, action.callId(), body);
                yield GraphResponses.Success.OK;
            }
        };
    }
}
