package io.ringline.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringline.infra.EmbeddedInfra;
import io.ringline.infra.InfraProperties;
import io.ringline.platform.KitEvents;
import io.ringline.platform.KitTestApplication;
import io.ringline.schemas.Topics;
import io.ringline.schemas.avro.CallEvent;
import io.ringline.schemas.serde.AvroTypes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the platform's listeners commit, read from the consumers' own {@code commit-total} metric and the broker:
 * a durable group commits once per {@code ack-time} however many polls bring records (the platform default), still
 * catches its committed offsets up once the records stop (lag reads zero), and a group of one instance alone
 * ({@link InstanceGroups}) commits nothing at all.
 */
@SpringBootTest(classes = KitTestApplication.class, properties = "spring.config.name=kit-test")
@Import(OffsetCommitsIntegrationTest.Listeners.class)
class OffsetCommitsIntegrationTest {

    private static final String DURABLE = "kit-commits-durable";
    private static final String INSTANCE = "kit-commits-instance";

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        InfraProperties.register(registry);
    }

    @Autowired
    Listeners listeners;
    @Autowired
    KafkaListenerEndpointRegistry registry;
    @Autowired
    KafkaTemplate<String, byte[]> bytesKafkaTemplate;

    @TestConfiguration
    static class Listeners {
        final Set<String> durable = ConcurrentHashMap.newKeySet();
        final Set<String> instance = ConcurrentHashMap.newKeySet();
        final AtomicInteger durablePolls = new AtomicInteger();

        @KafkaListener(id = DURABLE, groupId = DURABLE, topics = "call-events")
        void durable(List<ConsumerRecord<String, CallEvent>> records) {
            durablePolls.incrementAndGet();
            records.forEach(r -> remember(durable, r));
        }

        @KafkaListener(id = INSTANCE, groupId = "kit-commits-instance-#{T(java.util.UUID).randomUUID()}",
                topics = "call-events", properties = "auto.offset.reset=latest",
                containerPostProcessor = InstanceGroups.COMMIT_NOTHING)
        void instance(List<ConsumerRecord<String, CallEvent>> records) {
            records.forEach(r -> remember(instance, r));
        }

        private static void remember(Set<String> seen, ConsumerRecord<String, CallEvent> record) {
            if (record.value() != null) {
                seen.add(record.value().getEventId());
            }
        }
    }

    @Test
    void aDurableGroupCommitsOnceASecondNotOncePerPoll() {
        awaitAssigned(DURABLE);
        double commitsBefore = commits(DURABLE);
        int pollsBefore = listeners.durablePolls.get();
        long started = System.nanoTime();

        int records = 20;
        for (int i = 0; i < records; i++) {
            // Each record is seen before the next is sent, so each arrives in a poll of its own — the shape of
            // the traffic below saturation, where the old ack-mode (batch) committed after every one.
            String id = publish("one-at-a-time-" + i);
            await().atMost(Duration.ofSeconds(30)).until(() -> listeners.durable.contains(id));
        }

        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(listeners.durablePolls.get() - pollsBefore).isGreaterThanOrEqualTo(records);
        // ack-time is 1 s: one commit per elapsed second at most, plus the one the next poll may make.
        assertThat(commits(DURABLE) - commitsBefore).isLessThanOrEqualTo(Math.floor(seconds) + 2)
                .isLessThan(records / 2.0);
    }

    @Test
    void anIdleDurableGroupStillCommitsEverythingItConsumed() throws Exception {
        awaitAssigned(DURABLE);
        String last = null;
        for (int i = 0; i < 5; i++) {
            last = publish("then-quiet-" + i);
        }
        String lastId = last;
        await().atMost(Duration.ofSeconds(30)).until(() -> listeners.durable.contains(lastId));

        try (Admin admin = admin()) {
            // Nothing more is sent: the next poll returns empty within poll-timeout (5 s) and commits what is pending.
            await().atMost(Duration.ofSeconds(30)).until(() -> lag(admin, DURABLE) == 0);
        }
    }

    @Test
    void aGroupOfOneInstanceCommitsNothing() throws Exception {
        awaitAssigned(INSTANCE);
        String id = publish("instance-" + UUID.randomUUID());
        await().atMost(Duration.ofSeconds(30)).until(() -> listeners.instance.contains(id));
        String group = registry.getListenerContainer(INSTANCE).getGroupId();

        try (Admin admin = admin()) {
            // Long enough for a time-based commit (ack-time 1 s) and an idle poll (poll-timeout 5 s) to have happened.
            await().during(Duration.ofSeconds(7)).atMost(Duration.ofSeconds(10)).until(() -> commits(INSTANCE) == 0
                    && admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS)
                            .isEmpty());
        }
        assertThat(commits(DURABLE)).as("the durable container of the same context does commit").isPositive();
    }

    private String publish(String prefix) {
        String id = prefix + "-" + UUID.randomUUID();
        String call = "call_" + UUID.randomUUID();
        bytesKafkaTemplate.send(Topics.CALL_EVENTS.name(), "num_commits",
                AvroTypes.codec(CallEvent.class).encode(KitEvents.event(id, call)));
        return id;
    }

    private void awaitAssigned(String id) {
        MessageListenerContainer container = registry.getListenerContainer(id);
        await().atMost(Duration.ofSeconds(60)).until(() -> container.getAssignedPartitions() != null
                && !container.getAssignedPartitions().isEmpty());
    }

    /** The container's consumer's own count of offset commits it sent ({@code consumer-coordinator-metrics}). */
    private double commits(String id) {
        return registry.getListenerContainer(id).metrics().values().stream()
                .flatMap(metrics -> metrics.entrySet().stream())
                .filter(m -> m.getKey().name().equals("commit-total")
                        && m.getKey().group().equals("consumer-coordinator-metrics"))
                .mapToDouble(m -> ((Number) m.getValue().metricValue()).doubleValue())
                .sum();
    }

    private static long lag(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        for (int p = 0; p < Topics.CALL_EVENTS.partitions(); p++) {
            latest.put(new TopicPartition(Topics.CALL_EVENTS.name(), p), OffsetSpec.latest());
        }
        long behind = 0;
        for (var end : admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet()) {
            OffsetAndMetadata at = committed.get(end.getKey());
            behind += end.getValue().offset() - (at == null ? 0 : at.offset());
        }
        return behind;
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfra.shared().kafkaBootstrap()));
    }
}
