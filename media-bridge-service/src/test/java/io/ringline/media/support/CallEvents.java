package io.ringline.media.support;

import io.ringline.platform.ids.Ids;
import io.ringline.schemas.avro.CallEvent;
import io.ringline.schemas.avro.CallEventType;
import io.ringline.schemas.avro.CallStatus;
import io.ringline.schemas.avro.Direction;
import io.ringline.schemas.avro.Provider;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Realistic call events for tests; tweak the returned builder for special cases. */
public final class CallEvents {

    private CallEvents() {
    }

    public static CallEvent.Builder of(CallEventType type, Provider provider, String numberId, String callId) {
        CallStatus status = switch (type) {
            case CALL_CONNECTED -> CallStatus.ACCEPTED;
            case CALL_ENDED -> CallStatus.COMPLETED;
            case CALL_MISSED -> CallStatus.MISSED;
            default -> CallStatus.RINGING;
        };
        return CallEvent.newBuilder()
                .setEventId(Ids.newId("evt"))
                .setType(type)
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setSequence(1)
                .setTenantId("ten_media")
                .setNumberId(numberId)
                .setProvider(provider)
                .setCallId(callId)
                .setExternalCallId("GO-" + callId)
                .setDirection(Direction.INBOUND)
                .setStatus(status)
                .setEndReason(null)
                .setPeerNumber("+5511988887777")
                .setDurationSeconds(null)
                .setBizOpaqueCallbackData(null)
                .setBilling(null)
                .setPermissionStatus(null)
                .setRawJson(null);
    }

    public static CallEvent connected(String numberId, String callId) {
        return of(CallEventType.CALL_CONNECTED, Provider.EVO_GO, numberId, callId).build();
    }

    public static CallEvent ended(String numberId, String callId) {
        return of(CallEventType.CALL_ENDED, Provider.EVO_GO, numberId, callId).build();
    }

    public static CallEvent playFinished(String numberId, String callId, String playId, String outcome) {
        return of(CallEventType.CALL_PLAY_FINISHED, Provider.EVO_GO, numberId, callId).setStatus(CallStatus.ACCEPTED)
                .setPlayId(playId).setPlayOutcome(outcome).build();
    }
}
