package io.ringline.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.schemas.avro.CallEvent;
import io.ringline.schemas.serde.AvroTypes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The per-topic schema files the build publishes ({@code target/self-contained/<topic>.avsc}) stand alone — a
 * fresh parser with nothing else loaded reads each — and are the very schemas records are written with (same
 * fingerprint), so a consumer in another language decodes the topic from that one file.
 */
class SelfContainedSchemasTest {

    static java.util.List<Topic<?>> topics() {
        return Topics.all();
    }

    @ParameterizedTest
    @MethodSource("topics")
    void eachTopicsFileParsesAloneAndIsTheWritersSchema(Topic<?> topic) throws IOException {
        Path file = Path.of("target", "self-contained", SelfContainedSchemas.fileName(topic));
        assertThat(file).as("written by the build (exec-maven-plugin, process-classes)").exists();

        Schema alone = new Schema.Parser().parse(Files.readString(file));

        assertThat(alone.getFullName()).isEqualTo(topic.valueType().getName());
        assertThat(SchemaNormalization.parsingFingerprint64(alone))
                .isEqualTo(AvroTypes.codec(topic.valueType()).fingerprint());
        assertThat(Files.readString(file)).isEqualTo(SelfContainedSchemas.of(topic));
    }

    @Test
    void aRecordOnTheWireDecodesWithTheFileAloneAfterItsTenByteHeader() throws IOException {
        CallEvent event = SampleRecords.endedCall();
        byte[] wire = AvroTypes.codec(CallEvent.class).encode(event);
        Schema schema = new Schema.Parser().parse(
                Files.readString(Path.of("target", "self-contained", "call-events.avsc")));

        assertThat(Arrays.copyOfRange(wire, 0, 2)).containsExactly(0xC3, 0x01);
        long fingerprint = ByteBuffer.wrap(wire, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(fingerprint).isEqualTo(SchemaNormalization.parsingFingerprint64(schema));
        GenericRecord decoded = new GenericDatumReader<GenericRecord>(schema)
                .read(null, DecoderFactory.get().binaryDecoder(wire, 10, wire.length - 10, null));
        assertThat(decoded.get("eventId").toString()).isEqualTo(event.getEventId());
        assertThat(decoded.get("peerNumber").toString()).isEqualTo(event.getPeerNumber());
        assertThat(((GenericRecord) decoded.get("billing")).get("billableSeconds")).isEqualTo(60);
    }
}
