package io.ringline.testsupport.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.infra.EmbeddedInfra;
import io.ringline.schemas.Topic;
import io.ringline.schemas.avro.CallEvent;
import io.ringline.schemas.serde.AvroTypes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the publisher sends in the platform's encoding, the reader and the tap read back, a key's records in order. */
class TopicPublisherAndReaderTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final String bootstrap = EmbeddedInfra.shared().kafkaBootstrap();

    @Test
    void theReaderReturnsAKeysValuesInOrderAndSkipsWhatIsNotAvro() {
        Topic<CallEvent> topic = TestTopics.fresh(bootstrap);
        CallEvent first = TestTopics.event("num_a");
        CallEvent second = TestTopics.event("num_a");
        try (TopicPublisher publisher = new TopicPublisher(bootstrap)) {
            publisher.send(topic, "num_a", first);
            publisher.sendRaw(topic.name(), "num_a", "not avro".getBytes(StandardCharsets.UTF_8), Map.of());
            publisher.sendAsync(topic, "num_b", TestTopics.event("num_b"));
            publisher.sendAsync(topic, "num_a", second);
            publisher.flush();
        }

        List<CallEvent> values = new TopicReader(bootstrap).awaitValues(topic, "num_a", 2, DEADLINE);

        assertThat(values).containsExactly(first, second);
    }

    @Test
    void theTapRecordsEveryRecordWithItsHeadersAndDecodesAvroValues() {
        Topic<CallEvent> topic = TestTopics.fresh(bootstrap);
        CallEvent event = TestTopics.event("num_c");
        try (TopicTap tap = new TopicTap(bootstrap, List.of(topic.name()))) {
            tap.send(topic.name(), "num_c", event, Map.of("trace", "t-1"));
            tap.send(topic.name(), "num_c", new byte[] {0, 1, 2}, Map.of());

            List<TopicTap.Captured> captured = org.awaitility.Awaitility.await().atMost(DEADLINE)
                    .until(() -> tap.on(topic.name(), c -> "num_c".equals(c.key())), list -> list.size() == 2);

            assertThat(captured.getFirst().headers()).containsEntry("trace", "t-1");
            assertThat(captured.getFirst().value()).isEqualTo(event);
            assertThat(AvroTypes.decode(captured.getFirst().raw())).isEqualTo(event);
            assertThat(captured.get(1).value()).as("not Avro").isNull();
            assertThat(tap.values(topic.name(), CallEvent.class, e -> true)).containsExactly(event);
        }
    }
}
