package io.ringline.gateway.calls.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ringline.platform.vocabulary.Billing;
import io.ringline.schemas.avro.CallEvent;
import io.ringline.schemas.avro.CallEventType;
import java.time.Instant;
import java.util.Optional;

/**
 * One call event as the stream sends it: the same flat shape as the webhook payload (docs/webhooks.md), so a
 * client handles both alike.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallEventView(
        String id,
        String event,
        Instant createdAt,
        String callId,
        String externalCallId,
        String provider,
        String numberId,
        String direction,
        String status,
        String endReason,
        String peerNumber,
        Integer duration,
        String bizOpaqueCallbackData,
        Billing billing,
        long sequence) {

    /** The call lifecycle events; permission updates, play ends and Meta's raw envelopes are webhooks-only. */
    static Optional<String> eventName(CallEventType type) {
        return switch (type) {
            case CALL_RINGING -> Optional.of("call.ringing");
            case CALL_CONNECTED -> Optional.of("call.connected");
            case CALL_ENDED -> Optional.of("call.ended");
            case CALL_MISSED -> Optional.of("call.missed");
            case CALL_PERMISSION_UPDATED, CALL_PLAY_FINISHED, CALLS_RAW, UNKNOWN -> Optional.empty();
        };
    }

    static Optional<CallEventView> of(CallEvent e) {
        return eventName(e.getType()).map(name -> new CallEventView(e.getEventId(), name, e.getOccurredAt(),
                e.getCallId(), e.getExternalCallId(), e.getProvider().name(), e.getNumberId(),
                e.getDirection().name(), e.getStatus().name(), e.getEndReason(), e.getPeerNumber(),
                e.getDurationSeconds(), e.getBizOpaqueCallbackData(),
                e.getBilling() == null ? null
                        : new Billing(e.getBilling().getPulses(), e.getBilling().getBillableSeconds()),
                e.getSequence()));
    }
}
