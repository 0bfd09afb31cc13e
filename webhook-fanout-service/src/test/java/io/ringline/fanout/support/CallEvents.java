package io.ringline.fanout.support;

import io.ringline.platform.ids.Ids;
import io.ringline.schemas.Topics;
import io.ringline.schemas.avro.Billing;
import io.ringline.schemas.avro.CallEvent;
import io.ringline.schemas.avro.CallEventType;
import io.ringline.schemas.avro.CallStatus;
import io.ringline.schemas.avro.Direction;
import io.ringline.schemas.avro.Provider;
import io.ringline.testsupport.kafka.TopicPublisher;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;

/** Realistic call events for tests; tweak the returned builder for special cases. */
public final class CallEvents {

    private CallEvents() {
    }

    public static CallEvent.Builder ringing(String tenantId, String numberId) {
        return base(tenantId, numberId, CallEventType.CALL_RINGING, CallStatus.RINGING, 1);
    }

    public static CallEvent.Builder connected(String tenantId, String numberId) {
        return base(tenantId, numberId, CallEventType.CALL_CONNECTED, CallStatus.ACCEPTED, 2);
    }

    public static CallEvent.Builder ended(String tenantId, String numberId) {
        return base(tenantId, numberId, CallEventType.CALL_ENDED, CallStatus.COMPLETED, 3)
                .setDurationSeconds(42)
                .setBilling(Billing.newBuilder().setPulses(7).setBillableSeconds(42).build());
    }

    /** Publishes {@code count} ringing events of distinct calls on {@code call-events}; returns their event ids. */
    public static Set<String> publishRinging(String bootstrap, String tenantId, String numberId, int count) {
        Set<String> ids = new HashSet<>();
        try (TopicPublisher publisher = new TopicPublisher(bootstrap)) {
            for (int i = 0; i < count; i++) {
                CallEvent event = ringing(tenantId, numberId).build();
                ids.add(event.getEventId());
                publisher.sendAsync(Topics.CALL_EVENTS, numberId, event);
            }
            publisher.flush();
        }
        return ids;
    }

    public static CallEvent.Builder base(String tenantId, String numberId, CallEventType type, CallStatus status,
            long sequence) {
        return CallEvent.newBuilder()
                .setEventId(Ids.newId("evt"))
                .setType(type)
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setSequence(sequence)
                .setTenantId(tenantId)
                .setNumberId(numberId)
                .setProvider(Provider.META)
                .setCallId(Ids.newId("call"))
                .setExternalCallId("wacid.test")
                .setDirection(Direction.INBOUND)
                .setStatus(status)
                .setEndReason(null)
                .setPeerNumber("+5511999990000")
                .setDurationSeconds(null)
                .setBizOpaqueCallbackData(null)
                .setBilling(null)
                .setPermissionStatus(null)
                .setRawJson(null);
    }
}
