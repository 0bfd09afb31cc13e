package io.ringline.fanout.event.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringline.fanout.event.CallEventNotice;
import io.ringline.fanout.subscription.EventName;
import io.ringline.fanout.support.CallEvents;
import io.ringline.platform.kafka.PoisonRecordException;
import io.ringline.schemas.avro.CallEventType;
import io.ringline.schemas.avro.CallStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/** Avro event types → webhook event names, and the contract checks at the edge. */
class CallEventMapperTest {

    final CallEventMapper mapper = new CallEventMapper(JsonMapper.builder().build());

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "CALL_RINGING, CALL_RINGING",
            "CALL_CONNECTED, CALL_CONNECTED",
            "CALL_ENDED, CALL_ENDED",
            "CALL_MISSED, CALL_MISSED",
            "CALL_PERMISSION_UPDATED, CALL_PERMISSION_UPDATED",
            "CALLS_RAW, CALLS",
            "UNKNOWN, "})
    void mapsEveryType(CallEventType type, EventName expected) {
        assertThat(CallEventMapper.eventName(type).orElse(null)).isEqualTo(expected);
    }

    @Test
    void copiesTheEvent() {
        var avro = CallEvents.ended("ten_1", "num_1").setPermissionStatus(null).build();
        CallEventNotice n = mapper.toNotice(avro).orElseThrow();
        assertThat(n.eventId()).isEqualTo(avro.getEventId());
        assertThat(n.event()).isEqualTo(EventName.CALL_ENDED);
        assertThat(n.occurredAt()).isEqualTo(avro.getOccurredAt());
        assertThat(n.durationSeconds()).isEqualTo(42);
        assertThat(n.billing()).isEqualTo(new CallEventNotice.Billing(7, 42));
        assertThat(n.provider()).isEqualTo("META");
        assertThat(n.status()).isEqualTo("COMPLETED");
    }

    @Test
    void anEventTypeFromTheFutureIsSkipped() {
        assertThat(mapper.toNotice(CallEvents.base("t", "n", CallEventType.UNKNOWN, CallStatus.UNKNOWN, 1).build()))
                .isEmpty();
    }

    @Test
    void contractViolationsArePoison() {
        assertThatThrownBy(() -> mapper.toNotice(CallEvents.ringing("t", "n").setEventId(" ").build()))
                .isInstanceOf(PoisonRecordException.class);
        assertThatThrownBy(() -> mapper.toNotice(CallEvents.base("t", "n", CallEventType.CALLS_RAW, CallStatus.RINGING, 1)
                .build())).isInstanceOf(PoisonRecordException.class);
        assertThatThrownBy(() -> mapper.toNotice(CallEvents.base("t", "n", CallEventType.CALLS_RAW, CallStatus.RINGING, 1)
                .setRawJson("[1,2]").build())).isInstanceOf(PoisonRecordException.class);
        assertThatThrownBy(() -> mapper.toNotice(CallEvents.base("t", "n", CallEventType.CALLS_RAW, CallStatus.RINGING, 1)
                .setRawJson("{oops").build())).isInstanceOf(PoisonRecordException.class);
    }

    @Test
    void theRawEnvelopeIsKeptAsReceived() {
        var avro = CallEvents.base("t", "n", CallEventType.CALLS_RAW, CallStatus.RINGING, 1)
                .setRawJson("{ \"object\" : \"whatsapp_business_account\", \"entry\" : [ ] }").build();
        assertThat(mapper.toNotice(avro).orElseThrow().rawJson())
                .isEqualTo("{ \"object\" : \"whatsapp_business_account\", \"entry\" : [ ] }");
        assertThatThrownBy(() -> mapper.toNotice(CallEvents.base("t", "n", CallEventType.CALLS_RAW, CallStatus.RINGING, 1)
                .setRawJson("{} {}").build())).isInstanceOf(PoisonRecordException.class);
    }

    @Test
    void permissionStatusesAreMetasOwnWithTheExpiry() {
        var avro = CallEvents.base("t", "n", CallEventType.CALL_PERMISSION_UPDATED, CallStatus.UNKNOWN, 0)
                .setPermissionStatus("temporary").setPermissionExpiresAt(java.time.Instant.parse("2026-12-10T10:00:00Z"))
                .build();
        assertThat(mapper.toNotice(avro).orElseThrow().permission()).isEqualTo(new CallEventNotice.Permission(
                "temporary", java.time.Instant.parse("2026-12-10T10:00:00Z")));
        var older = CallEvents.base("t", "n", CallEventType.CALL_PERMISSION_UPDATED, CallStatus.UNKNOWN, 0)
                .setPermissionStatus("PERMANENT").build(); // written before issue 11
        assertThat(mapper.toNotice(older).orElseThrow().permission().status()).isEqualTo("permanent");
    }

    @Test
    void aPlayFinishedNeedsItsPlayAndOutcome() {
        var avro = CallEvents.base("t", "n", CallEventType.CALL_PLAY_FINISHED, CallStatus.ACCEPTED, 2)
                .setPlayId("play_1").setPlayOutcome("finished").build();
        assertThat(mapper.toNotice(avro).orElseThrow().play()).isEqualTo(new CallEventNotice.Play("play_1", "finished"));
        assertThatThrownBy(() -> mapper.toNotice(CallEvents.base("t", "n", CallEventType.CALL_PLAY_FINISHED,
                CallStatus.ACCEPTED, 2).setPlayOutcome("finished").build())).isInstanceOf(PoisonRecordException.class);
    }
}
