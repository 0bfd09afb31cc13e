package io.ringline.fanout.event;

import io.ringline.fanout.subscription.EventName;
import io.ringline.platform.vocabulary.Billing;
import io.ringline.platform.vocabulary.CallPermissionStatus;
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
        String numberId, Provider provider, String callId, String externalCallId, Direction direction, Status status,
        String endReason, String peerNumber, Integer durationSeconds, String bizOpaqueCallbackData, Billing billing,
        Permission permission, String rawJson, Play play) {

    /**
     * The number's kind. {@code UNKNOWN} is what the call-events contract gives for a kind added after this service
     * was built (Avro's enum default): the event is still delivered, saying so, rather than dead-lettered.
     */
    public enum Provider { META, EVO_GO, UNKNOWN }

    /** {@code UNKNOWN} on number-level events (no call) and, as for {@link Provider}, for a direction added later. */
    public enum Direction { INBOUND, OUTBOUND, UNKNOWN }

    /** The call's status after the event; {@code UNKNOWN} as for {@link Direction}. */
    public enum Status { INITIATED, RINGING, ACCEPTED, COMPLETED, REJECTED, FAILED, MISSED, UNKNOWN }

    /** @param expiresAt null unless the permission is temporary */
    public record Permission(CallPermissionStatus status, Instant expiresAt) {

        public Permission {
            Objects.requireNonNull(status, "status");
        }
    }

    /** @param outcome {@code finished}, {@code stopped} or {@code failed} */
    public record Play(String playId, String outcome) {
    }

    public CallEventNotice {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(numberId, "numberId");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(status, "status");
    }
}
