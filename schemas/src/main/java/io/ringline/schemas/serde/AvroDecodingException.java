package io.ringline.schemas.serde;

/** A payload that is not a valid single-object Avro record of a known schema: a poison record. */
public class AvroDecodingException extends RuntimeException {
    public AvroDecodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
