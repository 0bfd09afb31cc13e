package io.ringline.examples.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.examples.Programs;
import io.ringline.infra.EmbeddedInfra;
import io.ringline.schemas.Topics;
import io.ringline.schemas.avro.Billing;
import io.ringline.schemas.avro.CallEvent;
import io.ringline.schemas.avro.CallEventType;
import io.ringline.schemas.avro.CallStatus;
import io.ringline.schemas.avro.Direction;
import io.ringline.schemas.avro.Provider;
import io.ringline.schemas.serde.SingleObjectAvroSerializer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The documented call-events consumers — Java ({@link CallEventsConsumer}) and Node
 * ({@code node/call-events-consumer.mjs}, kafkajs + avsc with the self-contained schema file) — read records a real
 * broker holds, written the way the platform writes them (single-object Avro, key = number id), and step over a
 * record that is not one.
 */
class CallEventsConsumersTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static EmbeddedInfra broker;
    private static List<CallEvent> published;

    @BeforeAll
    static void publish() throws Exception {
        broker = EmbeddedInfra.start(true, 0, false, 0);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.kafkaBootstrap()))) {
            admin.createTopics(List.of(new NewTopic(Topics.CALL_EVENTS.name(), Topics.CALL_EVENTS.partitions(),
                    (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        published = List.of(
                event("evt_1", CallEventType.CALL_RINGING, 1, CallStatus.RINGING, now, null, null),
                event("evt_2", CallEventType.CALL_CONNECTED, 2, CallStatus.ACCEPTED, now.plusSeconds(2), null, null),
                event("evt_3", CallEventType.CALL_ENDED, 3, CallStatus.COMPLETED, now.plusSeconds(44), 42,
                        Billing.newBuilder().setPulses(7).setBillableSeconds(42).build()));
        Map<String, Object> producer = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.kafkaBootstrap(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.ACKS_CONFIG, "all");
        try (var poison = new KafkaProducer<String, byte[]>(withValue(producer, ByteArraySerializer.class))) {
            poison.send(new ProducerRecord<>("call-events", "num_demo", "not avro".getBytes(StandardCharsets.UTF_8)))
                    .get(30, TimeUnit.SECONDS);
        }
        try (var events = new KafkaProducer<String, SpecificRecord>(
                withValue(producer, SingleObjectAvroSerializer.class))) {
            for (CallEvent event : published) {
                events.send(new ProducerRecord<>("call-events", event.getNumberId(), event)).get(30, TimeUnit.SECONDS);
            }
        }
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void theJavaConsumerReadsEveryEventOfTheTopic() {
        List<CallEvent> received = new CopyOnWriteArrayList<>();
        Thread consumer = Thread.ofPlatform().start(() -> CallEventsConsumer.run(broker.kafkaBootstrap(),
                "java-" + UUID.randomUUID(), record -> {
                    assertThat(record.key()).isEqualTo("num_demo");
                    received.add(record.value());
                }, () -> received.size() >= published.size() || Thread.currentThread().isInterrupted()));
        try {
            Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> received.size() >= published.size());
        } finally {
            consumer.interrupt();
        }
        assertThat(received).containsExactlyElementsOf(published);
    }

    @Test
    void theNodeConsumerDecodesEveryEventWithTheSelfContainedSchemaFile() {
        var result = Programs.run(List.of("node", "node/call-events-consumer.mjs"), Map.of(
                "KAFKA_BOOTSTRAP", broker.kafkaBootstrap(),
                "CALL_EVENTS_SCHEMA", "../schemas/target/self-contained/call-events.avsc",
                "GROUP_ID", "node-" + UUID.randomUUID(),
                "MAX_EVENTS", String.valueOf(published.size())), 90);

        assertThat(result.exitCode()).as("exit code; stderr: %s", result.stderr()).isZero();
        assertThat(result.stderr()).as("the poison record is reported and skipped").contains("not an Avro single-object record");
        List<JsonNode> lines = result.stdout().stream().map(JSON::readTree).toList();
        assertThat(lines).hasSize(published.size());
        for (int i = 0; i < published.size(); i++) {
            CallEvent expected = published.get(i);
            JsonNode line = lines.get(i);
            JsonNode event = line.get("event");
            assertThat(line.get("key").asString()).isEqualTo("num_demo");
            assertThat(event.get("eventId").asString()).isEqualTo(expected.getEventId());
            assertThat(event.get("type").asString()).isEqualTo(expected.getType().name());
            assertThat(event.get("sequence").asLong()).isEqualTo(expected.getSequence());
            assertThat(event.get("occurredAt").asLong()).isEqualTo(expected.getOccurredAt().toEpochMilli());
            assertThat(event.get("provider").asString()).isEqualTo("EVO_GO");
            assertThat(event.get("callId").asString()).isEqualTo(expected.getCallId());
            assertThat(event.get("status").asString()).isEqualTo(expected.getStatus().name());
            assertThat(event.get("peerNumber").asString()).isEqualTo("+5511988887777");
            if (expected.getBilling() != null) {
                assertThat(event.get("durationSeconds").asInt()).isEqualTo(42);
                assertThat(event.at("/billing/billableSeconds").asInt()).isEqualTo(42);
            } else {
                assertThat(event.get("durationSeconds").isNull()).isTrue();
                assertThat(event.get("billing").isNull()).isTrue();
            }
        }
    }

    private static Map<String, Object> withValue(Map<String, Object> config, Class<?> serializer) {
        var all = new java.util.HashMap<>(config);
        all.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, serializer);
        return all;
    }

    private static CallEvent event(String id, CallEventType type, long sequence, CallStatus status, Instant at,
            Integer duration, Billing billing) {
        return CallEvent.newBuilder()
                .setEventId(id).setType(type).setOccurredAt(at).setSequence(sequence)
                .setTenantId("ten_demo").setNumberId("num_demo").setProvider(Provider.EVO_GO)
                .setCallId("call_demo").setExternalCallId("3EB0DEMO").setDirection(Direction.OUTBOUND)
                .setStatus(status).setEndReason(type == CallEventType.CALL_ENDED ? "HANGUP" : null)
                .setPeerNumber("+5511988887777").setDurationSeconds(duration).setBizOpaqueCallbackData(null)
                .setBilling(billing).setPermissionStatus(null).setRawJson(null)
                .build();
    }
}
