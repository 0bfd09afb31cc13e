package io.ringline.gateway.ingress.evogo;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The Evolution GO webhook events Ringline forwards (SPEC §6.2). GO sends many more (messages, presence…);
 * those are acknowledged and dropped.
 */
final class EvoGoEvents {

    static final Set<String> FORWARDED = Set.of(
            "CallOffer", "CallRinging", "CallAccept", "CallTerminate", "CallReject", "ConnectionUpdate");

    private EvoGoEvents() {
    }

    static boolean isForwarded(String event) {
        return FORWARDED.contains(event);
    }

    /** Signal kind on provider.signals (docs/internal-apis.md). */
    static String kind(String event) {
        return "evogo." + event;
    }

    /**
     * GO's own time of a call event ({@code data.Timestamp}, an ISO-8601 instant), for the signal's id; null when
     * the event has none ({@code ConnectionUpdate}) or it does not parse — the id is then the payload's hash alone.
     */
    static Instant occurredAt(JsonNode data) {
        String timestamp = data.path("Timestamp").stringValue(null);
        if (timestamp == null) {
            return null;
        }
        try {
            return Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
