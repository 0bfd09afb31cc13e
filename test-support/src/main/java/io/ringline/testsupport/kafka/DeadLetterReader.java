package io.ringline.testsupport.kafka;

import io.ringline.schemas.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Reads what consumers parked on a topic's dead-letter topic ({@link Topic#deadLetter()}, {@code <topic>.DLT}),
 * with the failure spring-kafka's {@code DeadLetterPublishingRecoverer} wrote into its headers.
 */
public final class DeadLetterReader {

    /** One parked record: its original key and bytes, and the headers that say why it was parked. */
    public record DeadLetter(String key, byte[] value, Headers headers) {

        /** The value read as ISO-8859-1: one char per byte, so a text marker inside Avro bytes can be found. */
        public String text() {
            return value == null ? "" : new String(value, StandardCharsets.ISO_8859_1);
        }

        /** A header's last value as UTF-8, or null. */
        public String header(String name) {
            Header header = headers.lastHeader(name);
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }

        /** The topic the record was parked from. */
        public String originalTopic() {
            return header(KafkaHeaders.DLT_ORIGINAL_TOPIC);
        }

        /** The class of the exception that parked it. */
        public String exceptionClass() {
            return header(KafkaHeaders.DLT_EXCEPTION_FQCN);
        }

        /** The message of the exception that parked it. */
        public String exceptionMessage() {
            return header(KafkaHeaders.DLT_EXCEPTION_MESSAGE);
        }

        static DeadLetter of(ConsumerRecord<String, byte[]> record) {
            return new DeadLetter(record.key(), record.value(), record.headers());
        }
    }

    private final TopicReader reader;

    public DeadLetterReader(String bootstrap) {
        this.reader = new TopicReader(bootstrap);
    }

    /** The first {@code count} or more records parked from {@code topic} with this key; fails after {@code deadline}. */
    public List<DeadLetter> awaitKeyed(Topic<?> topic, String key, int count, Duration deadline) {
        return await(topic, letter -> key.equals(letter.key()), count, deadline);
    }

    /** The first {@code count} or more records parked from {@code topic} matching {@code match}; fails after {@code deadline}. */
    public List<DeadLetter> await(Topic<?> topic, Predicate<DeadLetter> match, int count, Duration deadline) {
        return reader.awaitRecords(topic.deadLetter(), r -> match.test(DeadLetter.of(r)), count, deadline).stream()
                .map(DeadLetter::of).toList();
    }

    /** Every record parked from {@code topic} matching {@code match} seen while reading for the whole {@code window}. */
    public List<DeadLetter> readFor(Topic<?> topic, Predicate<DeadLetter> match, Duration window) {
        return reader.readFor(topic.deadLetter(), r -> match.test(DeadLetter.of(r)), window).stream()
                .map(DeadLetter::of).toList();
    }
}
