package io.ringline.schemas;

import io.ringline.schemas.avro.Billing;
import io.ringline.schemas.avro.CallEvent;
import io.ringline.schemas.avro.CallEventType;
import io.ringline.schemas.avro.CallStatus;
import io.ringline.schemas.avro.Direction;
import io.ringline.schemas.avro.Provider;
import java.time.Instant;

/** Small factory of realistic records for schema tests. */
final class SampleRecords {

    private SampleRecords() {
    }

    static CallEvent endedCall() {
        return CallEvent.newBuilder()
                .setEventId("evt_01JD0000000000000000000000")
                .setType(CallEventType.CALL_ENDED)
                .setOccurredAt(Instant.parse("2026-11-21T10:00:00Z"))
                .setSequence(3)
                .setTenantId("ten_1")
                .setNumberId("num_1")
                .setProvider(Provider.META)
                .setCallId("call_01JD0000000000000000000000")
                .setExternalCallId("wacid.ABC")
                .setDirection(Direction.OUTBOUND)
                .setStatus(CallStatus.COMPLETED)
                .setEndReason(null)
                .setPeerNumber("+5511999999999")
                .setDurationSeconds(56)
                .setBizOpaqueCallbackData("order-42")
                .setBilling(Billing.newBuilder().setPulses(10).setBillableSeconds(60).build())
                .setPermissionStatus(null)
                .setRawJson(null)
                .setPermissionExpiresAt(null)
                .setPlayId(null)
                .setPlayOutcome(null)
                .build();
    }

    /** The event kind added in CallEvent v2: a play into an EVO_GO call ended. */
    static CallEvent playFinished() {
        return CallEvent.newBuilder(endedCall())
                .setEventId("evt_01JD0000000000000000000001")
                .setType(CallEventType.CALL_PLAY_FINISHED)
                .setSequence(4)
                .setProvider(Provider.EVO_GO)
                .setExternalCallId("3EB0C767D26A1D8E3F4B2A1C9D8E7F60")
                .setStatus(CallStatus.ACCEPTED)
                .setDurationSeconds(null)
                .setBilling(null)
                .setPlayId("play_01JD0000000000000000000000")
                .setPlayOutcome("finished")
                .build();
    }
}
