package io.ringline.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringline.schemas.avro.CallCommand;
import io.ringline.schemas.avro.CallEvent;
import io.ringline.schemas.avro.NumberContext;
import io.ringline.schemas.avro.NumberRevision;
import io.ringline.schemas.avro.PlaceCall;
import io.ringline.schemas.avro.Provider;
import io.ringline.schemas.serde.AvroDecodingException;
import io.ringline.schemas.serde.SingleObjectAvroDeserializer;
import io.ringline.schemas.serde.SingleObjectAvroSerializer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SerdeTest {

    private final SingleObjectAvroSerializer serializer = new SingleObjectAvroSerializer();
    private final SingleObjectAvroDeserializer deserializer = new SingleObjectAvroDeserializer();

    @Test
    void everyRecordCarriesItsSchemaFingerprintAndRoundTrips() {
        CallEvent event = SampleRecords.endedCall();
        byte[] bytes = serializer.serialize("call-events", event);

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(deserializer.deserialize("call-events", bytes)).isEqualTo(event);
    }

    @Test
    void theDeserializerPicksTheTypeFromTheFingerprint() {
        CallCommand command = CallCommand.newBuilder()
                .setCommandId("cmd_1")
                .setIssuedAt(Instant.parse("2026-11-21T10:00:00Z"))
                .setNumberId("num_1")
                .setTenantId("ten_1")
                .setNumberVersion(3)
                .setCallId("call_1")
                .setAction(PlaceCall.newBuilder().setTo("+5511999999999").build())
                .build();

        assertThat(deserializer.deserialize("calls.commands", serializer.serialize("calls.commands", command)))
                .isEqualTo(command);

        NumberRevision revision = NumberRevision.newBuilder()
                .setNumber(NumberContext.newBuilder().setNumberId("num_1").setTenantId("ten_1")
                        .setProvider(Provider.EVO_GO).setPhone("+5511888888888").setBaseUrl("http://localhost:9")
                        .setAccountId("demo").setEncryptedCredentials("x").setVersion(3).build())
                .setDeleted(false)
                .setChangedAt(Instant.parse("2026-11-21T10:00:00Z"))
                .build();
        assertThat(deserializer.deserialize("numbers", serializer.serialize("numbers", revision))).isEqualTo(revision);
    }

    @Test
    void commandsCarryNoNumberContextAndTheNumbersTopicIsCompacted() {
        assertThat(CallCommand.getClassSchema().getFields()).extracting(org.apache.avro.Schema.Field::name)
                .doesNotContain("number", "encryptedCredentials")
                .contains("numberId", "tenantId", "numberVersion", "callId");
        assertThat(Topics.NUMBERS.compacted()).isTrue();
        assertThat(Topics.all()).filteredOn(Topic::compacted).containsExactly(Topics.NUMBERS);
    }

    @Test
    void garbageIsRejectedAsAPoisonRecord() {
        byte[] garbage = "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> deserializer.deserialize("call-events", garbage))
                .isInstanceOf(AvroDecodingException.class);

        byte[] truncated = serializer.serialize("call-events", SampleRecords.endedCall());
        byte[] cut = java.util.Arrays.copyOf(truncated, 14);
        assertThatThrownBy(() -> deserializer.deserialize("call-events", cut))
                .isInstanceOf(AvroDecodingException.class);
    }

    @Test
    void everyTopicIsKeyedByTheNumber() {
        assertThat(Topics.all()).allSatisfy(t -> assertThat(t.key()).isEqualTo("numberId"));
        assertThat(Topics.CALL_EVENTS.name()).isEqualTo("call-events");
        assertThat(Topics.CALL_EVENTS.deadLetter()).isEqualTo("call-events.DLT");
    }
}
