package io.ringline.testsupport.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.infra.EmbeddedInfra;
import io.ringline.schemas.Topic;
import io.ringline.schemas.avro.CallEvent;
import io.ringline.testsupport.kafka.DeadLetterReader.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * A record parked the way the platform parks them (spring-kafka's recoverer, to {@code <topic>.DLT}, key kept) is
 * read back by the reader with the failure from its headers; a key nothing was parked for reads as nothing.
 */
class DeadLetterReaderTest {

    private final String bootstrap = EmbeddedInfra.shared().kafkaBootstrap();

    @Test
    void readsADeadLetteredRecordWithTheReasonItWasParked() {
        Topic<CallEvent> topic = TestTopics.fresh(bootstrap);
        byte[] poison = "not a call event".getBytes(StandardCharsets.UTF_8);
        DefaultKafkaProducerFactory<Object, Object> producers = new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        try {
            // As platform-kit's KafkaPlatformConfiguration parks records: same recoverer, same destination.
            DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(new KafkaTemplate<>(producers),
                    (record, ex) -> new TopicPartition(record.topic() + ".DLT", -1));
            recoverer.accept(new ConsumerRecord<>(topic.name(), 1, 42L, "num_dead", poison),
                    new IllegalArgumentException("undecodable value"));
        } finally {
            producers.destroy();
        }
        DeadLetterReader reader = new DeadLetterReader(bootstrap);

        List<DeadLetter> parked = reader.awaitKeyed(topic, "num_dead", 1, Duration.ofSeconds(30));

        assertThat(parked).singleElement().satisfies(letter -> {
            assertThat(letter.value()).isEqualTo(poison);
            assertThat(letter.text()).isEqualTo("not a call event");
            assertThat(letter.originalTopic()).isEqualTo(topic.name());
            assertThat(letter.exceptionClass()).isEqualTo(IllegalArgumentException.class.getName());
            assertThat(letter.exceptionMessage()).contains("undecodable value");
        });
        assertThat(reader.readFor(topic, letter -> "num_alive".equals(letter.key()), Duration.ofSeconds(2))).isEmpty();
    }
}
