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
                .build();
    }
}
