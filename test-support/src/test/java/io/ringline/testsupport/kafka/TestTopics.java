package io.ringline.testsupport.kafka;

import io.ringline.schemas.Topic;
import io.ringline.schemas.avro.CallEvent;
import io.ringline.schemas.avro.CallEventType;
import io.ringline.schemas.avro.CallStatus;
import io.ringline.schemas.avro.Direction;
import io.ringline.schemas.avro.Provider;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** Fresh topics and call events for this module's own tests, so no test reads another's records. */
final class TestTopics {

    private TestTopics() {
    }

    /** A new topic of call events (3 partitions), created on the broker together with its dead-letter topic. */
    static Topic<CallEvent> fresh(String bootstrap) {
        Topic<CallEvent> topic = new Topic<>("test-support." + UUID.randomUUID(), CallEvent.class, "numberId", 3);
        try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic.name(), 3, (short) 1),
                    new NewTopic(topic.deadLetter(), 3, (short) 1))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("could not create " + topic.name(), e);
        }
        return topic;
    }

    static CallEvent event(String numberId) {
        return CallEvent.newBuilder()
                .setEventId("evt_" + UUID.randomUUID())
                .setType(CallEventType.CALL_RINGING)
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setSequence(1)
                .setTenantId("ten_test_support")
                .setNumberId(numberId)
                .setProvider(Provider.EVO_GO)
                .setCallId("call_" + UUID.randomUUID())
                .setDirection(Direction.INBOUND)
                .setStatus(CallStatus.RINGING)
                .setPeerNumber("+5511999999999")
                .build();
    }
}
