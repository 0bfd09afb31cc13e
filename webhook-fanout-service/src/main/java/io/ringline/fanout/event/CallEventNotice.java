package io.ringline.fanout.event;

import io.ringline.fanout.subscription.EventName;
import java.time.Instant;
import java.util.Objects;

/**
 * One call event as the fan-out understands it (the Avro record stays at the messaging edge).
 *
 * @param permission on {@code call.permission_updated}: the status as {@code GET /v1/calls/permissions} spells
 *                   it, and a temporary permission's expiry; else null
 * @param rawJson    on {@code calls}: Meta's webhook envelope {@code {object, entry}}, exactly as received
 *                   (checked to be a JSON object); else null
 * @param play       on {@code call.play_finished}: the play and how it ended; else null
 */
public record CallEventNotice(String eventId, EventName event, Instant occurredAt, long sequence, String tenantId,
        String numberId, String provider, String callId, String externalCallId, String direction, String status,
        String endReason, String peerNumber, Integer durationSeconds, String bizOpaqueCallbackData, Billing billing,
        Permission permission, String rawJson, Play play) {

    public record Billing(int pulses, int billableSeconds) {
    }

    /** @param expiresAt null unless the permission is temporary */
    public record Permission(String status, Instant expiresAt) {
    }

    /** @param outcome {@code finished}, {@code stopped} or {@code failed} */
    public record Play(String playId, String outcome) {
    }

    public CallEventNotice {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(numberId, "numberId");
    }
}
