package io.ringline.schemas.serde;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer for Ringline's Avro records: the fingerprint in each record picks the type and
 * writer schema. Throws {@link AvroDecodingException} on anything else, so an
 * {@code ErrorHandlingDeserializer} in front of it can route the record to a dead-letter topic.
 */
public class SingleObjectAvroDeserializer implements Deserializer<SpecificRecord> {

    @Override
    public SpecificRecord deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        return AvroTypes.decode(data);
    }
}
