package io.ringline.media.livecall.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringline.media.livecall.CallUpdate;
import io.ringline.media.support.CallEvents;
import io.ringline.platform.kafka.PoisonRecordException;
import io.ringline.schemas.avro.CallEventType;
import io.ringline.schemas.avro.Provider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CallUpdateMapperTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "CALL_CONNECTED, CONNECTED",
            "CALL_ENDED, ENDED",
            "CALL_MISSED, MISSED",
            "CALL_RINGING, OTHER",
            "CALL_PERMISSION_UPDATED, OTHER",
            "CALLS_RAW, OTHER",
            "UNKNOWN, OTHER"})
    void mapsEveryType(CallEventType type, CallUpdate.Kind kind) {
        assertThat(CallUpdateMapper.kind(type)).isEqualTo(kind);
    }

    @Test
    void copiesWhatTheBridgeNeeds() {
        var avro = CallEvents.connected("num_1", "call_1");
        CallUpdate u = CallUpdateMapper.toUpdate(avro);
        assertThat(u).isEqualTo(new CallUpdate(avro.getEventId(), CallUpdate.Kind.CONNECTED, "EVO_GO", "call_1", "num_1",
                "ten_media", "GO-call_1", "+5511988887777", avro.getOccurredAt()));
    }

    @Test
    void contractViolationsArePoison() {
        assertThatThrownBy(() -> CallUpdateMapper.toUpdate(
                CallEvents.of(CallEventType.CALL_CONNECTED, Provider.EVO_GO, "num_1", null).build()))
                .isInstanceOf(PoisonRecordException.class).hasMessageContaining("callId");
        assertThatThrownBy(() -> CallUpdateMapper.toUpdate(
                CallEvents.of(CallEventType.CALL_ENDED, Provider.EVO_GO, "num_1", "c").setEventId("").build()))
                .isInstanceOf(PoisonRecordException.class);
        assertThat(CallUpdateMapper.toUpdate(
                CallEvents.of(CallEventType.CALL_PERMISSION_UPDATED, Provider.META, "num_1", null).build()).kind())
                .isEqualTo(CallUpdate.Kind.OTHER);
    }
}
