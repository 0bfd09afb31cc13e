package io.ringline.examples.events;

import io.ringline.schemas.Topics;
import io.ringline.schemas.avro.CallEvent;
import io.ringline.schemas.serde.SingleObjectAvroDeserializer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads Ringline's {@code call-events} topic from Java with the plain Kafka client and {@code io.ringline:schemas}'
 * deserializer, which picks the writer schema by the fingerprint in each record (docs/topics.md). Delivery is at
 * least once: deduplicate by {@code eventId}; within a call, {@code sequence} orders the events.
 */
public final class CallEventsConsumer {

    private CallEventsConsumer() {
    }

    /** Polls until {@code stop} says so, handing each event (with its key, the number id) to {@code handler}. */
    public static void run(String bootstrap, String groupId, Consumer<ConsumerRecord<String, CallEvent>> handler,
            BooleanSupplier stop) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, SingleObjectAvroDeserializer.class);
        try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(Topics.CALL_EVENTS.name()));
            while (!stop.getAsBoolean()) {
                try {
                    for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(200))) {
                        handler.accept(new ConsumerRecord<>(record.topic(), record.partition(), record.offset(),
                                record.key(), (CallEvent) record.value()));
                    }
                } catch (org.apache.kafka.common.errors.RecordDeserializationException e) {
                    // A record no known schema decodes: note it and move past it rather than stop reading.
                    System.err.println("skipping " + e.topicPartition() + " offset " + e.offset() + ": " + e.getMessage());
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                }
            }
        }
    }

    public static void main(String[] args) {
        String bootstrap = System.getenv().getOrDefault("KAFKA_BOOTSTRAP", "localhost:9092");
        run(bootstrap, "ringline-java-example", record -> System.out.printf("%s %s %s call=%s sequence=%d%n",
                record.key(), record.value().getType(), record.value().getEventId(), record.value().getCallId(),
                record.value().getSequence()), () -> false);
    }
}
