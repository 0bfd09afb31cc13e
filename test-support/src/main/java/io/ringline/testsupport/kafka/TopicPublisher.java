package io.ringline.testsupport.kafka;

import io.ringline.schemas.Topic;
import io.ringline.schemas.serde.SingleObjectAvroSerializer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes to the broker as the services do — String keys, Avro values in the platform's single-object
 * encoding ({@link SingleObjectAvroSerializer}) — or raw bytes, for poison records.
 */
public final class TopicPublisher implements AutoCloseable {

    private final SingleObjectAvroSerializer serializer = new SingleObjectAvroSerializer();
    private final KafkaProducer<String, byte[]> producer;

    public TopicPublisher(String bootstrap) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Publishes {@code value} keyed by {@code key} and waits for the broker's acknowledgement. */
    public <V extends SpecificRecord> void send(Topic<V> topic, String key, V value) {
        send(topic.name(), key, value, Map.of());
    }

    /** Publishes an Avro value with headers (UTF-8) and waits for the broker's acknowledgement. */
    public void send(String topic, String key, SpecificRecord value, Map<String, String> headers) {
        sendRaw(topic, key, serializer.serialize(topic, value), headers);
    }

    /** Publishes raw bytes (e.g. a record no consumer can decode) and waits for the broker's acknowledgement. */
    public void sendRaw(String topic, String key, byte[] value, Map<String, String> headers) {
        try {
            sendAsync(topic, key, value, headers).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not produce to " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted producing to " + topic, e);
        }
    }

    /** Publishes without waiting; {@link #flush()} waits for everything sent so far. */
    public <V extends SpecificRecord> Future<RecordMetadata> sendAsync(Topic<V> topic, String key, V value) {
        return sendAsync(topic.name(), key, serializer.serialize(topic.name(), value), Map.of());
    }

    private Future<RecordMetadata> sendAsync(String topic, String key, byte[] value, Map<String, String> headers) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, header) -> record.headers().add(name, header.getBytes(StandardCharsets.UTF_8)));
        return producer.send(record);
    }

    /** Waits until every record sent so far is acknowledged (or failed). */
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
