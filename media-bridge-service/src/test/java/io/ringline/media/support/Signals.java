package io.ringline.media.support;

import static org.awaitility.Awaitility.await;

import io.ringline.infra.EmbeddedInfra;
import io.ringline.schemas.Topics;
import io.ringline.schemas.avro.ProviderSignal;
import io.ringline.schemas.serde.SingleObjectAvroDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads what the media bridge published on {@code provider.signals} (its outbox relays there) for one number. */
public final class Signals {

    private Signals() {
    }

    /** The number's signals once there are at least {@code count}, in topic order (one partition per number). */
    public static List<ProviderSignal> of(String numberId, int count, Duration deadline) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                EmbeddedInfra.shared().environment().get("RINGLINE_KAFKA_BOOTSTRAP"),
                ConsumerConfig.GROUP_ID_CONFIG, "signals-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ProviderSignal> found = new ArrayList<>();
        try (KafkaConsumer<String, org.apache.avro.specific.SpecificRecord> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new SingleObjectAvroDeserializer())) {
            consumer.subscribe(List.of(Topics.PROVIDER_SIGNALS.name()));
            await().atMost(deadline).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (numberId.equals(record.key()) && record.value() instanceof ProviderSignal signal) {
                        found.add(signal);
                    }
                });
                return found.size() >= count;
            });
        }
        return found;
    }
}
