package io.ringline.platform.kafka;

import io.ringline.platform.outbox.RecordEncoder;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Encodes outbox records with the value serializer the producers are configured with
 * ({@code spring.kafka.producer.value-serializer}, i.e. {@code RINGLINE_KAFKA_VALUE_SERIALIZER}), configured like the
 * producers' own, so records published through the outbox and records sent directly share one wire format whichever
 * serializer a deployment selects. The default is Avro single-object encoding.
 */
final class SerializerRecordEncoder implements RecordEncoder {

    private final Serializer<Object> serializer;

    @SuppressWarnings("unchecked")
    SerializerRecordEncoder(Map<String, Object> producerConfig) {
        Object configured = producerConfig.get(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        try {
            Object instance = switch (configured) {
                case Serializer<?> given -> given;
                case Class<?> type -> Utils.newInstance(type);
                case String name -> Utils.newInstance(name, Serializer.class);
                case null, default -> throw new IllegalStateException(
                        "no value serializer configured (spring.kafka.producer.value-serializer)");
            };
            this.serializer = (Serializer<Object>) instance;
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("value serializer " + configured + " is not on the class path", e);
        }
        serializer.configure(producerConfig, false);
    }

    @Override
    public byte[] encode(String topic, SpecificRecord record) {
        return serializer.serialize(topic, record);
    }

    Serializer<?> serializer() {
        return serializer;
    }
}
