package io.ringline.schemas.serde;

import io.ringline.schemas.Topic;
import io.ringline.schemas.Topics;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificRecord;

/**
 * Every Avro type carried on Ringline's topics, found by the fingerprint of any of its schema versions.
 * Lets one deserializer read any topic without per-topic configuration.
 */
public final class AvroTypes {

    private static final Map<Class<?>, AvroCodec<?>> CODECS = new ConcurrentHashMap<>();
    private static final Map<Long, AvroCodec<?>> BY_FINGERPRINT = buildIndex();

    private AvroTypes() {
    }

    /** Loads the codecs of every topic's type (this class's initialisation reads their schemas from the class path). */
    public static void load() {
        // initialising the class is the point
    }

    @SuppressWarnings("unchecked")
    public static <T extends SpecificRecord> AvroCodec<T> codec(Class<T> type) {
        return (AvroCodec<T>) CODECS.computeIfAbsent(type, t -> AvroCodec.of((Class<T>) t));
    }

    /** Decodes a single-object record of any known type. */
    public static SpecificRecord decode(byte[] bytes) {
        if (bytes == null || bytes.length < 10 || bytes[0] != (byte) 0xC3 || bytes[1] != (byte) 0x01) {
            throw new AvroDecodingException("not an Avro single-object record", null);
        }
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        AvroCodec<?> codec = BY_FINGERPRINT.get(fingerprint);
        if (codec == null) {
            throw new AvroDecodingException("unknown schema fingerprint " + Long.toHexString(fingerprint), null);
        }
        return codec.decode(bytes);
    }

    private static Map<Long, AvroCodec<?>> buildIndex() {
        Map<Long, AvroCodec<?>> index = new HashMap<>();
        for (Topic<?> topic : Topics.all()) {
            AvroCodec<?> codec = codec(topic.valueType());
            index.put(codec.fingerprint(), codec);
            for (Schema old : SchemaHistory.of(codec.schema().getFullName())) {
                index.put(SchemaNormalization.parsingFingerprint64(old), codec);
            }
        }
        return Map.copyOf(index);
    }
}
