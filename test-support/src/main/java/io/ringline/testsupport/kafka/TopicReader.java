package io.ringline.testsupport.kafka;

import static org.awaitility.Awaitility.await;

import io.ringline.schemas.Topic;
import io.ringline.schemas.serde.AvroTypes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from its beginning, in a consumer group of its own, until enough matching records arrived (or
 * for a fixed window, to show that none did). Records are returned in the order the broker holds them within a
 * partition — one key's records in their order.
 */
public final class TopicReader {

    private static final Duration POLL = Duration.ofMillis(200);

    private final String bootstrap;

    public TopicReader(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** The first {@code count} or more records matching {@code match}; fails after {@code deadline}. */
    public List<ConsumerRecord<String, byte[]>> awaitRecords(String topic, Predicate<ConsumerRecord<String, byte[]>> match,
            int count, Duration deadline) {
        try (KafkaConsumer<String, byte[]> consumer = subscribe(topic)) {
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            await().atMost(deadline).until(() -> {
                consumer.poll(POLL).forEach(r -> {
                    if (match.test(r)) {
                        found.add(r);
                    }
                });
                return found.size() >= count;
            });
            return found;
        }
    }

    /** Every record matching {@code match} seen while reading for the whole {@code window}. */
    public List<ConsumerRecord<String, byte[]>> readFor(String topic, Predicate<ConsumerRecord<String, byte[]>> match,
            Duration window) {
        try (KafkaConsumer<String, byte[]> consumer = subscribe(topic)) {
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            long end = System.nanoTime() + window.toNanos();
            while (System.nanoTime() < end) {
                consumer.poll(POLL).forEach(r -> {
                    if (match.test(r)) {
                        found.add(r);
                    }
                });
            }
            return found;
        }
    }

    /**
     * The first {@code count} or more values of {@code topic} keyed by {@code key} that decode to its value type
     * (others are skipped); fails after {@code deadline}.
     */
    public <V extends SpecificRecord> List<V> awaitValues(Topic<V> topic, String key, int count, Duration deadline) {
        return awaitRecords(topic.name(), r -> key.equals(r.key()) && topic.valueType().isInstance(decode(r.value())),
                count, deadline).stream().map(r -> topic.valueType().cast(decode(r.value()))).toList();
    }

    /** The Avro record these bytes hold, or null when they hold none (a poison record). */
    static SpecificRecord decode(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            return AvroTypes.decode(value);
        } catch (RuntimeException notAvro) {
            return null;
        }
    }

    private KafkaConsumer<String, byte[]> subscribe(String topic) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }
}
