package io.ringline.platform.outbox;

import org.apache.avro.specific.SpecificRecord;

/**
 * How records are encoded before they are stored in the outbox. The default is Avro single-object
 * encoding; a deployment with a schema registry provides its own bean (docs/decisions.md).
 */
@FunctionalInterface
public interface RecordEncoder {
    byte[] encode(String topic, SpecificRecord record);
}
