package io.ringline.gateway.support;

import io.ringline.schemas.serde.SingleObjectAvroDeserializer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Reads one topic from its beginning on a thread of its own and keeps every record, so tests can assert on
 * what the gateway produced (and, by order within a number's partition, on what it did not).
 */
public final class KafkaRecorder {

    private final List<ConsumerRecord<String, SpecificRecord>> records = new CopyOnWriteArrayList<>();
    private final KafkaConsumer<String, SpecificRecord> consumer;
    private final Consumer<ConsumerRecord<String, SpecificRecord>> onRecord;

    KafkaRecorder(String bootstrap, String topic, Consumer<ConsumerRecord<String, SpecificRecord>> onRecord) {
        this.onRecord = onRecord;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-recorder-" + topic + "-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500),
                new StringDeserializer(), new SingleObjectAvroDeserializer());
        consumer.subscribe(List.of(topic));
        Thread thread = new Thread(this::loop, "test-recorder-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        try {
            while (true) {
                for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(100))) {
                    records.add(record);
                    onRecord.accept(record);
                }
            }
        } catch (WakeupException e) {
            consumer.close();
        }
    }

    public List<ConsumerRecord<String, SpecificRecord>> records() {
        return List.copyOf(records);
    }

    /** Records keyed by this number id, in the order the broker holds them. */
    public List<ConsumerRecord<String, SpecificRecord>> keyed(String key) {
        return records.stream().filter(r -> key.equals(r.key())).toList();
    }
}
