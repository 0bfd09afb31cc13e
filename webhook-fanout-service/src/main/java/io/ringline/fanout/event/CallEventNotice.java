package io.ringline.fanout.event;

import io.ringline.fanout.subscription.EventName;
import java.time.Instant;
import java.util.Objects;

/**
 * One call event as the fan-out understands it (the Avro record stays at the messaging edge).
 *
 * @param rawValueJson Meta's own {@code value} object on {@code calls} events, as compact JSON; else null
 */
public record CallEventNotice(String eventId, EventName event, Instant occurredAt, long sequence, String tenantId,
        String numberId, String provider, String callId, String externalCallId, String direction, String status,
        String endReason, String peerNumber, Integer durationSeconds, String bizOpaqueCallbackData, Billing billing,
        String permission, String rawValueJson) {

    public record Billing(int pulses, int billableSeconds) {
    }

    public CallEventNotice {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(numberId, "numberId");
    }
}
