package io.ringline.gateway.layer.evogo;

import tools.jackson.databind.JsonNode;

/**
 * A call as Evolution GO shows it ({@code GET /call/list}, {@code GET /call/{callId}}; SPEC §6.2), built from
 * Ringline's Call object so GO clients see the same calls as {@code /v1/calls}.
 *
 * @param callId the GO CallID (Ringline's {@code externalCallId}), which is what GO clients hold
 */
record GoCallView(String callId, String peer, String direction, String state, String startedAt, long durationSeconds) {

    static GoCallView of(JsonNode call) {
        String external = text(call, "externalCallId");
        String peer = text(call, "peerNumber");
        String startedAt = text(call, "startedAt");
        JsonNode duration = call.get("durationSeconds");
        return new GoCallView(
                external != null ? external : text(call, "id"),
                peer != null && peer.startsWith("+") ? peer.substring(1) : peer,
                "INBOUND".equals(text(call, "direction")) ? "incoming" : "outgoing",
                state(text(call, "status")),
                startedAt != null ? startedAt : text(call, "createdAt"),
                duration != null && duration.isNumber() ? duration.longValue() : 0);
    }

    /** Ringline's seven statuses onto GO's three states. */
    static String state(String status) {
        if (status == null) {
            return "ended";
        }
        return switch (status) {
            case "INITIATED", "RINGING" -> "ringing";
            case "ACCEPTED" -> "active";
            default -> "ended"; // COMPLETED, REJECTED, FAILED, MISSED
        };
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isString() ? null : value.stringValue();
    }
}
