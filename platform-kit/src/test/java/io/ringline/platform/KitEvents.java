package io.ringline.platform;

import io.ringline.schemas.avro.CallEvent;
import io.ringline.schemas.avro.CallEventType;
import io.ringline.schemas.avro.CallStatus;
import io.ringline.schemas.avro.Direction;
import io.ringline.schemas.avro.Provider;
import java.time.Instant;

/** Minimal call events for the kit's tests; the event id carries what the test handler should do. */
public final class KitEvents {

    private KitEvents() {
    }

    public static CallEvent event(String eventId, String callId) {
        return CallEvent.newBuilder()
                .setEventId(eventId)
                .setType(CallEventType.CALL_RINGING)
                .setOccurredAt(Instant.now())
                .setSequence(1)
                .setTenantId("ten_kit")
                .setNumberId("num_kit")
                .setProvider(Provider.EVO_GO)
                .setCallId(callId)
                .setDirection(Direction.INBOUND)
                .setStatus(CallStatus.RINGING)
                .setPeerNumber("+5511999999999")
                .build();
    }
}
