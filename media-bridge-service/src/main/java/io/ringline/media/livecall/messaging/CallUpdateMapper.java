package io.ringline.media.livecall.messaging;

import io.ringline.media.livecall.CallUpdate;
import io.ringline.platform.kafka.PoisonRecordException;
import io.ringline.schemas.avro.CallEvent;
import io.ringline.schemas.avro.CallEventType;

/** Avro {@link CallEvent} → {@link CallUpdate}; the only place the media bridge reads the Avro type. */
final class CallUpdateMapper {

    private CallUpdateMapper() {
    }

    static CallUpdate.Kind kind(CallEventType type) {
        return switch (type) {
            case CALL_CONNECTED -> CallUpdate.Kind.CONNECTED;
            case CALL_ENDED -> CallUpdate.Kind.ENDED;
            case CALL_MISSED -> CallUpdate.Kind.MISSED;
            case CALL_RINGING, CALL_PERMISSION_UPDATED, CALLS_RAW, CALL_PLAY_FINISHED, UNKNOWN -> CallUpdate.Kind.OTHER;
        };
    }

    /** @throws PoisonRecordException when the record breaks the call-events contract */
    static CallUpdate toUpdate(CallEvent e) {
        require(e.getEventId(), "eventId");
        require(e.getNumberId(), "numberId");
        require(e.getTenantId(), "tenantId");
        CallUpdate.Kind kind = kind(e.getType());
        if (kind != CallUpdate.Kind.OTHER && (e.getCallId() == null || e.getCallId().isBlank())) {
            throw new PoisonRecordException(e.getType() + " event " + e.getEventId() + " without callId");
        }
        return new CallUpdate(e.getEventId(), kind, e.getProvider().name(), e.getCallId(), e.getNumberId(),
                e.getTenantId(), e.getExternalCallId(), e.getPeerNumber(), e.getOccurredAt());
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new PoisonRecordException("call event without " + field);
        }
    }
}
