package io.ringline.fanout.event.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringline.fanout.event.CallEventNotice;
import io.ringline.fanout.subscription.EventName;
import io.ringline.fanout.support.CallEvents;
import io.ringline.platform.kafka.PoisonRecordException;
import io.ringline.platform.vocabulary.Billing;
import io.ringline.platform.vocabulary.CallPermissionStatus;
import io.ringline.schemas.avro.CallEventType;
import io.ringline.schemas.avro.CallStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/** Avro event types → webhook event names, and the contract checks at the edge. */
class CallEventNoticeMapperTest {

    final CallEventNoticeMapper mapper = new CallEventNoticeMapper(JsonMapper.builder().build());

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
        assertThat(CallEventNoticeMapper.eventName(type).orElse(null)).isEqualTo(expected);
    }

    @Test
    void copiesTheEvent() {
        var avro = CallEvents.ended("ten_1", "num_1").setPermissionStatus(null).build();
        CallEventNotice n = mapper.toNotice(avro).orElseThrow();
        assertThat(n.eventId()).isEqualTo(avro.getEventId());
        assertThat(n.event()).isEqualTo(EventName.CALL_ENDED);
        assertThat(n.occurredAt()).isEqualTo(avro.getOccurredAt());
        assertThat(n.call().durationSeconds()).isEqualTo(42);
        assertThat(n.call().billing()).isEqualTo(new Billing(7, 42));
        assertThat(n.provider()).isEqualTo(CallEventNotice.Provider.META);
        assertThat(n.call().direction()).isEqualTo(CallEventNotice.Direction.valueOf(avro.getDirection().name()));
        assertThat(n.call().status()).isEqualTo(CallEventNotice.Status.COMPLETED);
        assertThat(n.detail()).isEqualTo(CallEventNotice.Detail.NONE);
    }

    @Test
    void everyAvroSymbolHasItsOwnConstantAndUnknownStaysExplicit() {
        for (var p : io.ringline.schemas.avro.Provider.values()) {
            assertThat(CallEventNoticeMapper.provider(p).name()).isEqualTo(p.name());
        }
        for (var d : io.ringline.schemas.avro.Direction.values()) {
            assertThat(CallEventNoticeMapper.direction(d).name()).isEqualTo(d.name());
        }
        for (var s : CallStatus.values()) {
            assertThat(CallEventNoticeMapper.status(s).name()).isEqualTo(s.name());
        }
        // a kind, direction or status added after this build reaches the mapper as UNKNOWN and goes out so
        var fromTheFuture = CallEvents.ended("t", "n").setProvider(io.ringline.schemas.avro.Provider.UNKNOWN)
                .setDirection(io.ringline.schemas.avro.Direction.UNKNOWN).setStatus(CallStatus.UNKNOWN).build();
        CallEventNotice n = mapper.toNotice(fromTheFuture).orElseThrow();
        assertThat(n.provider()).isEqualTo(CallEventNotice.Provider.UNKNOWN);
        assertThat(n.call().direction()).isEqualTo(CallEventNotice.Direction.UNKNOWN);
        assertThat(n.call().status()).isEqualTo(CallEventNotice.Status.UNKNOWN);
    }

    @Test
    void anImpossibleBillingIsPoison() {
        var avro = CallEvents.ended("t", "n").setBilling(io.ringline.schemas.avro.Billing.newBuilder().setPulses(2).setBillableSeconds(7).build()).build();
        assertThatThrownBy(() -> mapper.toNotice(avro)).isInstanceOf(PoisonRecordException.class)
                .hasMessageContaining("impossible billing");
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
        assertThat(mapper.toNotice(avro).orElseThrow().detail()).isEqualTo(new CallEventNotice.RawEnvelope("{ \"object\" : \"whatsapp_business_account\", \"entry\" : [ ] }"));
        assertThatThrownBy(() -> mapper.toNotice(CallEvents.base("t", "n", CallEventType.CALLS_RAW, CallStatus.RINGING, 1)
                .setRawJson("{} {}").build())).isInstanceOf(PoisonRecordException.class);
    }

    @Test
    void permissionStatusesAreMetasOwnWithTheExpiry() {
        var avro = CallEvents.base("t", "n", CallEventType.CALL_PERMISSION_UPDATED, CallStatus.UNKNOWN, 0)
                .setPermissionStatus("temporary").setPermissionExpiresAt(java.time.Instant.parse("2026-12-10T10:00:00Z"))
                .build();
        assertThat(mapper.toNotice(avro).orElseThrow().detail()).isEqualTo(new CallEventNotice.Permission(
                CallPermissionStatus.TEMPORARY, java.time.Instant.parse("2026-12-10T10:00:00Z")));
        var older = CallEvents.base("t", "n", CallEventType.CALL_PERMISSION_UPDATED, CallStatus.UNKNOWN, 0)
                .setPermissionStatus("PERMANENT").build(); // written before issue 11
        assertThat(mapper.toNotice(older).orElseThrow().detail())
                .isEqualTo(new CallEventNotice.Permission(CallPermissionStatus.PERMANENT, null));
    }

    @Test
    void aPermissionStatusMetaDoesNotDefineIsPoisonNamingIt() {
        var avro = CallEvents.base("t", "n", CallEventType.CALL_PERMISSION_UPDATED, CallStatus.UNKNOWN, 0)
                .setPermissionStatus("granted").build();
        assertThatThrownBy(() -> mapper.toNotice(avro)).isInstanceOf(PoisonRecordException.class)
                .hasMessageContaining("unknown call permission status: granted");
    }

    @Test
    void aPlayFinishedNeedsItsPlayAndOutcome() {
        var avro = CallEvents.base("t", "n", CallEventType.CALL_PLAY_FINISHED, CallStatus.ACCEPTED, 2)
                .setPlayId("play_1").setPlayOutcome("finished").build();
        assertThat(mapper.toNotice(avro).orElseThrow().detail()).isEqualTo(new CallEventNotice.Play("play_1", "finished"));
        assertThatThrownBy(() -> mapper.toNotice(CallEvents.base("t", "n", CallEventType.CALL_PLAY_FINISHED,
                CallStatus.ACCEPTED, 2).setPlayOutcome("finished").build())).isInstanceOf(PoisonRecordException.class);
    }
}
