package io.ringline.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.schemas.avro.CallEvent;
import io.ringline.schemas.serde.AvroCodec;
import io.ringline.schemas.serde.AvroTypes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.junit.jupiter.api.Test;

/** Full compatibility of the public call-events contract: old readers read new records and vice versa. */
class SchemaCompatibilityTest {

    /** Today's CallEvent plus one optional field, as the next version of the schema would add it. */
    private static Schema nextVersion() {
        Schema current = CallEvent.getClassSchema();
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : current.getFields()) {
            fields.add(new Schema.Field(f, f.schema()));
        }
        fields.add(new Schema.Field("region",
                Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
                "added in the next version", Schema.Field.NULL_DEFAULT_VALUE));
        return Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
    }

    @Test
    void todaysReaderReadsARecordWrittenWithTheNextSchema() throws IOException {
        Schema next = nextVersion();
        GenericRecord written = new GenericData.Record(next);
        CallEvent sample = SampleRecords.endedCall();
        for (Schema.Field f : CallEvent.getClassSchema().getFields()) {
            written.put(f.name(), GenericData.get().deepCopy(f.schema(), sample.get(f.pos())));
        }
        written.put("region", "sa-east-1");
        ByteBuffer bytes = new BinaryMessageEncoder<GenericRecord>(genericWithTimestamps(), next).encode(written);

        AvroCodec<CallEvent> codec = AvroCodec.of(CallEvent.class);
        codec.addWriterSchema(next);
        CallEvent read = codec.decode(toArray(bytes));

        assertThat(read).isEqualTo(sample);
    }

    @Test
    void theNextReaderReadsARecordWrittenToday() throws IOException {
        Schema next = nextVersion();
        byte[] today = AvroCodec.of(CallEvent.class).encode(SampleRecords.endedCall());

        SchemaStore.Cache store = new SchemaStore.Cache();
        store.addSchema(CallEvent.getClassSchema());
        GenericRecord read = new BinaryMessageDecoder<GenericRecord>(GenericData.get(), next, store).decode(today);

        assertThat(read.get("region")).isNull();
        assertThat(read.get("eventId").toString()).isEqualTo("evt_01JD0000000000000000000000");
        assertThat(read.get("durationSeconds")).isEqualTo(56);
    }

    @Test
    void recordsWrittenWithAnOlderSchemaInTheHistoryStillDecode() throws IOException {
        Schema older;
        try (InputStream in = getClass().getResourceAsStream("/avro-history/CallEvent-v0-test.avsc")) {
            older = new Schema.Parser().parse(in);
        }
        GenericRecord written = new GenericData.Record(older);
        CallEvent sample = SampleRecords.endedCall();
        for (Schema.Field f : older.getFields()) {
            Object value = sample.get(CallEvent.getClassSchema().getField(f.name()).pos());
            if (value instanceof Enum<?> e) {
                value = new GenericData.EnumSymbol(f.schema(), e.name());
            }
            written.put(f.name(), GenericData.get().deepCopy(f.schema(), value));
        }
        byte[] bytes = toArray(new BinaryMessageEncoder<GenericRecord>(genericWithTimestamps(), older).encode(written));

        // No writer schema registered by hand: the history index on the class path supplies it.
        CallEvent read = (CallEvent) AvroTypes.decode(bytes);

        assertThat(read.getEventId()).isEqualTo(sample.getEventId());
        assertThat(read.getBilling()).isEqualTo(sample.getBilling());
        assertThat(read.getRawJson()).isNull();
    }

    @Test
    void aVersionOneReaderSeesAPlayFinishedEventAsUnknownAndReadsTheRest() throws IOException {
        Schema v1 = history("CallEvent-v1.avsc");
        byte[] today = AvroCodec.of(CallEvent.class).encode(SampleRecords.playFinished());

        SchemaStore.Cache store = new SchemaStore.Cache();
        store.addSchema(CallEvent.getClassSchema());
        GenericRecord read = new BinaryMessageDecoder<GenericRecord>(GenericData.get(), v1, store).decode(today);

        assertThat(read.get("type").toString()).isEqualTo("UNKNOWN"); // the enum's default: old consumers skip it
        assertThat(read.get("eventId").toString()).isEqualTo("evt_01JD0000000000000000000001");
        assertThat(read.get("sequence")).isEqualTo(4L);
        assertThat(read.getSchema().getField("playId")).isNull();
    }

    @Test
    void aRecordWrittenWithVersionOneDecodesThroughTheHistoryIndex() throws IOException {
        Schema v1 = history("CallEvent-v1.avsc");
        GenericRecord written = new GenericData.Record(v1);
        CallEvent sample = SampleRecords.endedCall();
        for (Schema.Field f : v1.getFields()) {
            Object value = sample.get(CallEvent.getClassSchema().getField(f.name()).pos());
            if (value instanceof Enum<?> e) {
                value = new GenericData.EnumSymbol(f.schema(), e.name());
            }
            written.put(f.name(), GenericData.get().deepCopy(f.schema(), value));
        }
        byte[] bytes = toArray(new BinaryMessageEncoder<GenericRecord>(genericWithTimestamps(), v1).encode(written));

        CallEvent read = (CallEvent) AvroTypes.decode(bytes); // v1 comes from avro-history/index.txt (main)

        assertThat(read).isEqualTo(sample);
        assertThat(read.getPlayId()).isNull();
    }

    private static Schema history(String file) throws IOException {
        try (InputStream in = SchemaCompatibilityTest.class.getResourceAsStream("/avro-history/" + file)) {
            return new Schema.Parser().parse(in);
        }
    }

    /** Generic model that, like the generated classes, writes java.time.Instant as timestamp-millis. */
    private static GenericData genericWithTimestamps() {
        GenericData model = new GenericData();
        model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        return model;
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
