package io.ringline.schemas.serde;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro single-object encoding (marker, 8-byte schema fingerprint, binary body) for one generated type.
 * The decoder knows every historical schema of the type, so records written by older (or, for
 * compatible changes, newer registered) writers resolve to the current class.
 */
public final class AvroCodec<T extends SpecificRecord> {

    static {
        TrustedPackages.install();
    }

    private final Class<T> type;
    private final Schema schema;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    private AvroCodec(Class<T> type) {
        this.type = type;
        SpecificData model = SpecificData.getForClass(type);
        this.schema = model.getSchema(type);
        SchemaStore.Cache store = new SchemaStore.Cache();
        SchemaHistory.of(schema.getFullName()).forEach(store::addSchema);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema, store);
    }

    public static <T extends SpecificRecord> AvroCodec<T> of(Class<T> type) {
        return new AvroCodec<>(type);
    }

    public Class<T> type() {
        return type;
    }

    public Schema schema() {
        return schema;
    }

    /** Makes an extra writer schema known (e.g. one published by a newer producer). */
    public void addWriterSchema(Schema writerSchema) {
        decoder.addSchema(writerSchema);
    }

    public byte[] encode(T record) {
        try {
            ByteBuffer buffer = encoder.encode(record);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + type.getSimpleName(), e);
        }
    }

    /** @throws AvroDecodingException for bytes that are not a single-object record of a known schema */
    public T decode(byte[] bytes) {
        if (bytes == null) {
            throw new AvroDecodingException("null payload for " + type.getSimpleName(), null);
        }
        try {
            return decoder.decode(bytes);
        } catch (IOException | RuntimeException e) {
            throw new AvroDecodingException("cannot decode " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Fingerprint of the current schema, as written in every single-object record. */
    public long fingerprint() {
        return org.apache.avro.SchemaNormalization.parsingFingerprint64(schema);
    }
}
