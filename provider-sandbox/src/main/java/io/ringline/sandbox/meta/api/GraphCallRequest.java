package io.ringline.sandbox.meta.api;

import java.util.Arrays;

import io.ringline.sandbox.meta.GraphException;
import tools.jackson.databind.JsonNode;

/**
 * One parsed {@code POST /{phone-number-id}/calls} request. Connect carries {@code to} and an SDP offer;
 * pre_accept/accept a {@code call_id} and an SDP answer; reject/terminate just a {@code call_id}.
 */
record GraphCallRequest(Kind kind, String to, String callId, String sdp, String bizOpaqueCallbackData) {

    enum Kind {
        CONNECT("connect"), PRE_ACCEPT("pre_accept"), ACCEPT("accept"), REJECT("reject"), TERMINATE("terminate");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        static Kind of(String action) {
            return Arrays.stream(values()).filter(kind -> kind.wire.equals(action)).findFirst()
                    .orElseThrow(() -> GraphException.invalidParameter(
                            "The parameter action must be one of connect, pre_accept, accept, reject, terminate"));
        }
    }

    static GraphCallRequest parse(JsonNode body) {
        GraphJson.requireWhatsApp(body);
        Kind kind = Kind.of(GraphJson.optional(body, "action"));
        String opaque = GraphJson.optional(body, "biz_opaque_callback_data");
        return switch (kind) {
            case CONNECT -> new GraphCallRequest(kind, GraphJson.required(body, "to"), null, sdp(body, "offer"), opaque);
            case PRE_ACCEPT, ACCEPT ->
                    new GraphCallRequest(kind, null, GraphJson.required(body, "call_id"), sdp(body, "answer"), opaque);
            case REJECT, TERMINATE -> new GraphCallRequest(kind, null, GraphJson.required(body, "call_id"), null, null);
        };
    }

    private static String sdp(JsonNode body, String expectedType) {
        JsonNode session = body.path("session");
        if (!session.isObject()) {
            throw GraphException.invalidParameter("The parameter session is required");
        }
        if (!expectedType.equals(GraphJson.optional(session, "sdp_type"))) {
            throw GraphException.invalidParameter("session.sdp_type must be " + expectedType);
        }
        return GraphJson.required(session, "sdp");
    }
}
