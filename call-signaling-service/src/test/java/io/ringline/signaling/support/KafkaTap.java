package io.ringline.signaling.support;

import io.ringline.schemas.serde.AvroTypes;
import io.ringline.schemas.serde.SingleObjectAvroSerializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces to and records everything on the service's topics, for tests: one background consumer
 * reading every partition from the beginning (each test filters by its own ids).
 */
public final class KafkaTap implements AutoCloseable {

    /** One consumed record; {@code value} is decoded when it is Avro, null otherwise. */
    public record Captured(String topic, String key, Map<String, String> headers, byte[] raw, SpecificRecord value) {
    }

    public static final List<String> TOPICS = List.of("calls.replies", "call-events", "calls.commands.DLT",
            "provider.signals.DLT", "numbers.DLT");

    private static KafkaTap shared;

    private final SingleObjectAvroSerializer serializer = new SingleObjectAvroSerializer();
    private final List<Captured> captured = new CopyOnWriteArrayList<>();
    private final KafkaProducer<String, byte[]> producer;
    private final Thread poller;
    private volatile boolean running = true;

    private KafkaTap(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producer = new KafkaProducer<>(p);

        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : TOPICS) {
            consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        poller = Thread.ofPlatform().name("test-kafka-tap").daemon().start(() -> {
            try (consumer) {
                while (running) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                        captured.add(capture(r));
                    }
                }
            }
        });
    }

    /** Started on first use, after a Spring context created the topics (with their partition counts). */
    public static synchronized KafkaTap shared(String bootstrap) {
        if (shared == null) {
            shared = new KafkaTap(bootstrap);
        }
        return shared;
    }

    private static Captured capture(ConsumerRecord<String, byte[]> r) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        for (Header h : r.headers()) {
            headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        SpecificRecord value;
        try {
            value = r.value() == null ? null : AvroTypes.decode(r.value());
        } catch (RuntimeException e) {
            value = null;
        }
        return new Captured(r.topic(), r.key(), headers, r.value(), value);
    }

    public void send(String topic, String key, byte[] value, Map<String, String> headers) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not produce to " + topic, e);
        }
    }

    public void send(String topic, String key, SpecificRecord value, Map<String, String> headers) {
        send(topic, key, serializer.serialize(topic, value), headers);
    }

    public List<Captured> on(String topic, Predicate<Captured> filter) {
        return captured.stream().filter(c -> c.topic().equals(topic) && filter.test(c)).toList();
    }

    @SuppressWarnings("unchecked")
    public <T extends SpecificRecord> List<T> values(String topic, Class<T> type, Predicate<T> filter) {
        return captured.stream()
                .filter(c -> c.topic().equals(topic) && type.isInstance(c.value()))
                .map(c -> (T) c.value())
                .filter(filter)
                .toList();
    }

    @Override
    public void close() {
        running = false;
        producer.close();
    }
}
