package io.ringline.sandbox.meta.api;

import io.ringline.sandbox.meta.GraphException;
import io.ringline.sandbox.meta.MetaNumber;
import io.ringline.sandbox.meta.MetaSimulator;
import io.ringline.sandbox.sim.Phones;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /{phone-number-id}/messages}, limited to what calling needs: the interactive
 * {@code call_permission_request}. Other message types are refused rather than silently accepted.
 */
@RestController
class MetaMessagesController {

    private final MetaSimulator simulator;

    MetaMessagesController(MetaSimulator simulator) {
        this.simulator = simulator;
    }

    @PostMapping("/meta/{version}/{phoneNumberId}/messages")
    GraphResponses.MessageSent send(@RequestAttribute(GraphFilter.NUMBER) MetaNumber number,
            @RequestBody JsonNode body) {
        GraphJson.requireWhatsApp(body);
        String to = GraphJson.required(body, "to");
        String user = Phones.normalize(to)
                .orElseThrow(() -> GraphException.invalidParameter("The parameter to must be a WhatsApp phone number"));
        JsonNode interactive = body.path("interactive");
        if (!"interactive".equals(GraphJson.optional(body, "type"))
                || !"call_permission_request".equals(GraphJson.optional(interactive, "type"))) {
            throw GraphException.invalidParameter(
                    "The sandbox only simulates interactive messages of type call_permission_request");
        }
        String actionName = GraphJson.optional(interactive.path("action"), "name");
        if (actionName != null && !actionName.equals("call_permission_request")) {
            throw GraphException.invalidParameter("interactive.action.name must be call_permission_request");
        }
        return GraphResponses.MessageSent.of(to, user, simulator.requestPermission(number, user));
    }
}
