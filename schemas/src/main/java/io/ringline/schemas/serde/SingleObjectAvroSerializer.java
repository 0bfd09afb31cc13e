package io.ringline.schemas.serde;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serializer for Ringline's Avro records, using Avro single-object encoding. */
public class SingleObjectAvroSerializer implements Serializer<SpecificRecord> {

    /**
     * Reads every topic's schemas (and their history) from the class path now, when a service builds its serializer
     * at startup, rather than on the thread of the first record — an event loop, where reading a jar blocks it.
     */
    public SingleObjectAvroSerializer() {
        AvroTypes.load();
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public byte[] serialize(String topic, SpecificRecord data) {
        if (data == null) {
            return null;
        }
        AvroCodec codec = AvroTypes.codec(data.getClass());
        return codec.encode(data);
    }
}
