package io.ringline.gateway.calls.messaging;

import io.ringline.gateway.calls.RequestOutcome;
import io.ringline.schemas.avro.CallSnapshot;
import io.ringline.schemas.avro.CommandError;
import io.ringline.schemas.avro.CommandReply;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Avro {@code CommandReply} → what the waiting HTTP request answers. */
final class CommandReplyMapper {

    private CommandReplyMapper() {
    }

    static RequestOutcome toOutcome(CommandReply reply, JsonMapper json) {
        CommandError error = reply.getError();
        if (error != null) {
            return new RequestOutcome.Failed(error.getHttpStatus(), error.getCode(), error.getMessage(),
                    details(error.getDetailsJson(), json));
        }
        CallSnapshot call = reply.getCall();
        if (call == null) {
            return new RequestOutcome.Failed(502, "UPSTREAM_ERROR",
                    "The call service answered neither a call nor an error", null);
        }
        return new RequestOutcome.Succeeded(call.getId(), call.getExternalCallId(), call.getStatus().name());
    }

    /** detailsJson is an object by contract; anything else is kept as text rather than lost. */
    static Map<String, Object> details(String detailsJson, JsonMapper json) {
        if (detailsJson == null || detailsJson.isBlank()) {
            return null;
        }
        try {
            JsonNode node = json.readTree(detailsJson);
            if (node.isObject()) {
                Map<String, Object> details = new LinkedHashMap<>();
                node.properties().forEach(e -> details.put(e.getKey(), json.treeToValue(e.getValue(), Object.class)));
                return details;
            }
        } catch (RuntimeException e) {
            // fall through: keep the text
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("detail", detailsJson);
        return details;
    }
}
