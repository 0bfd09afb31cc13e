package io.ringline.schemas;

import org.apache.avro.specific.SpecificRecord;

/**
 * Descriptor of one Kafka topic: its name, the Avro type of its values and how it is keyed.
 * Every call-related topic is keyed by the business number id so one number's records stay ordered.
 *
 * @param compacted the topic keeps the last record of each key (log compaction) instead of a time window
 */
public record Topic<V extends SpecificRecord>(String name, Class<V> valueType, String key, int partitions,
        boolean compacted) {

    /** A topic with time-based retention. */
    public Topic(String name, Class<V> valueType, String key, int partitions) {
        this(name, valueType, key, partitions, false);
    }

    /** Dead-letter topic where consumers park records they cannot process. */
    public String deadLetter() {
        return name + ".DLT";
    }
}
