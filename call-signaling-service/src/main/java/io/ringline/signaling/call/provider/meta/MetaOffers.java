package io.ringline.signaling.call.provider.meta;

import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rebuilds the {@code connect} of a user's Meta call that never reached Ringline from that call's parked
 * {@code terminate} (issue 9). Meta has no call-state API to ask, but the terminate of a {@code USER_INITIATED} call
 * names what the connect would have: the call id, the caller ({@code from}), the business number ({@code to}), the
 * direction and when. The rebuilt connect is then read ({@code meta.recovered_connect}) and applied like a delivered
 * one, with no SDP: the call is already over, so nothing will answer it.
 */
@Component
public class MetaOffers {

    /** The signal kind of a rebuilt connect; the gateway never forwards it. */
    public static final String KIND = MetaSignals.RECOVERED_CONNECT;

    private final JsonMapper json;

    MetaOffers(JsonMapper json) {
        this.json = json;
    }

    /**
     * The connect's call item ({@code id}, {@code from}, {@code to}, {@code direction}, {@code timestamp}: the
     * terminate's {@code start_time} when it was answered, else its own {@code timestamp} — the call was offered no
     * later); empty unless {@code kind}/{@code payloadJson} is a parked Meta {@code calls} change whose item for
     * {@code externalCallId} is the terminate of a user-initiated call naming its caller. Deterministic: the same
     * terminate always gives the same connect.
     */
    public Optional<String> rebuild(String externalCallId, String kind, String payloadJson) {
        if (!MetaSignals.CALLS.equals(kind)) {
            return Optional.empty();
        }
        JsonNode value;
        try {
            value = MetaSignals.value(json.readTree(payloadJson));
        } catch (RuntimeException unreadable) {
            return Optional.empty(); // read before it was parked; nothing to rebuild from if it no longer reads
        }
        for (JsonNode call : value.path("calls")) {
            if (externalCallId.equals(text(call, "id")) && "terminate".equals(lower(text(call, "event")))
                    && "user_initiated".equals(lower(text(call, "direction")))) {
                return connect(externalCallId, call);
            }
        }
        return Optional.empty();
    }

    private Optional<String> connect(String externalCallId, JsonNode terminate) {
        String from = text(terminate, "from");
        if (from == null || from.replaceAll("[^0-9]", "").isEmpty()) {
            return Optional.empty();
        }
        ObjectNode connect = json.createObjectNode();
        connect.put("id", externalCallId);
        connect.put("from", from);
        String to = text(terminate, "to");
        if (to != null) {
            connect.put("to", to);
        }
        connect.put("event", "connect");
        connect.put("direction", "USER_INITIATED");
        String answeredAt = text(terminate, "start_time");
        String at = answeredAt != null ? answeredAt : text(terminate, "timestamp");
        if (at != null) {
            connect.put("timestamp", at);
        }
        return Optional.of(json.writeValueAsString(connect));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static String lower(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT);
    }
}
