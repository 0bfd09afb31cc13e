package io.ringline.testsupport.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Records everything on a set of topics for a whole test JVM — one background consumer assigned every partition,
 * from the beginning (each test filters by its own ids) — and publishes to them. Start it after the topics exist
 * (a Spring context creates them with their partition counts).
 */
public final class TopicTap implements AutoCloseable {

    /** One consumed record; {@code value} is decoded when it is Avro, null otherwise. */
    public record Captured(String topic, String key, Map<String, String> headers, byte[] raw, SpecificRecord value) {
    }

    private final List<Captured> captured = new CopyOnWriteArrayList<>();
    private final TopicPublisher publisher;
    private final Thread poller;
    private volatile boolean running = true;

    public TopicTap(String bootstrap, List<String> topics) {
        publisher = new TopicPublisher(bootstrap);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        poller = Thread.ofPlatform().name("test-topic-tap").daemon().start(() -> {
            try (consumer) {
                while (running) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                        captured.add(capture(r));
                    }
                }
            }
        });
    }

    private static Captured capture(ConsumerRecord<String, byte[]> r) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : r.headers()) {
            headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        return new Captured(r.topic(), r.key(), headers, r.value(), TopicReader.decode(r.value()));
    }

    /** Publishes raw bytes (e.g. a poison record) and waits for the acknowledgement. */
    public void send(String topic, String key, byte[] value, Map<String, String> headers) {
        publisher.sendRaw(topic, key, value, headers);
    }

    /** Publishes an Avro value in the platform's encoding and waits for the acknowledgement. */
    public void send(String topic, String key, SpecificRecord value, Map<String, String> headers) {
        publisher.send(topic, key, value, headers);
    }

    /** Everything captured on {@code topic} so far that matches {@code filter}. */
    public List<Captured> on(String topic, Predicate<Captured> filter) {
        return captured.stream().filter(c -> c.topic().equals(topic) && filter.test(c)).toList();
    }

    /** The decoded values of type {@code type} captured on {@code topic} so far that match {@code filter}. */
    public <T extends SpecificRecord> List<T> values(String topic, Class<T> type, Predicate<T> filter) {
        return captured.stream()
                .filter(c -> c.topic().equals(topic) && type.isInstance(c.value()))
                .map(c -> type.cast(c.value()))
                .filter(filter)
                .toList();
    }

    @Override
    public void close() {
        running = false;
        publisher.close();
    }
}
