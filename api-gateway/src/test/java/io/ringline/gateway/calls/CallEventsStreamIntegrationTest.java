package io.ringline.gateway.calls;

import static io.ringline.gateway.support.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringline.gateway.support.Fixtures.NumberFixture;
import io.ringline.gateway.support.Fixtures.TenantFixture;
import io.ringline.gateway.support.GatewayIntegrationTest;
import io.ringline.infra.EmbeddedInfra;
import io.ringline.platform.ids.Ids;
import io.ringline.schemas.Topics;
import io.ringline.schemas.avro.Billing;
import io.ringline.schemas.avro.CallEvent;
import io.ringline.schemas.avro.CallEventType;
import io.ringline.schemas.avro.CallStatus;
import io.ringline.schemas.avro.CommandReply;
import io.ringline.schemas.avro.Direction;
import io.ringline.schemas.avro.Provider;
import io.ringline.schemas.serde.SingleObjectAvroSerializer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /v1/calls/events}: a number key's live stream of its number's call events, read from the real
 * {@code call-events} topic on the embedded broker.
 */
class CallEventsStreamIntegrationTest extends GatewayIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static KafkaProducer<String, SpecificRecord> producer;

    @AfterAll
    static synchronized void close() {
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }

    @Test
    void aNumberKeyGetsReadyThenItsOwnNumbersCallEventsAsTheyHappenAndNothingElse() {
        TenantFixture tenant = fixtures.tenant();
        NumberFixture number = fixtures.metaNumber(tenant);
        NumberFixture neighbour = fixtures.metaNumber(tenant);
        String callId = Ids.newId("call");

        StepVerifier.create(stream(number.key()))
                .assertNext(ready -> {
                    assertThat(ready.event()).isEqualTo("ready");
                    JsonNode data = JSON.readTree(ready.data());
                    assertThat(data.path("numberId").stringValue()).isEqualTo(number.id());
                    assertThat(data.path("phone").stringValue()).isEqualTo(number.phone());
                    assertThat(data.path("provider").stringValue()).isEqualTo("META");
                })
                .then(() -> {
                    // One partition for all: the neighbour's event, a record that is no CallEvent, a raw Meta
                    // envelope (webhooks only) and then this number's two events, in this order.
                    send(neighbour.id(), event(tenant, neighbour.id(), Ids.newId("call"), CallEventType.CALL_RINGING,
                            CallStatus.RINGING, 1).build());
                    send(number.id(), CommandReply.newBuilder().setCommandId("cmd").setCallId(callId).build());
                    send(number.id(), event(tenant, number.id(), callId, CallEventType.CALLS_RAW, CallStatus.RINGING, 1)
                            .setRawJson("{\"calls\":[]}").build());
                    send(number.id(), event(tenant, number.id(), callId, CallEventType.CALL_RINGING, CallStatus.RINGING, 2)
                            .build());
                    send(number.id(), event(tenant, number.id(), callId, CallEventType.CALL_ENDED, CallStatus.COMPLETED, 3)
                            .setDurationSeconds(42)
                            .setBilling(Billing.newBuilder().setPulses(7).setBillableSeconds(42).build()).build());
                })
                .assertNext(ringing -> {
                    assertThat(ringing.event()).isEqualTo("call.ringing");
                    JsonNode data = JSON.readTree(ringing.data());
                    assertThat(ringing.id()).isEqualTo(data.path("id").stringValue());
                    assertThat(data.path("callId").stringValue()).isEqualTo(callId);
                    assertThat(data.path("numberId").stringValue()).isEqualTo(number.id());
                    assertThat(data.path("status").stringValue()).isEqualTo("RINGING");
                    assertThat(data.path("direction").stringValue()).isEqualTo("INBOUND");
                    assertThat(data.path("sequence").longValue()).isEqualTo(2);
                    assertThat(data.has("duration")).isFalse();
                })
                .assertNext(ended -> {
                    assertThat(ended.event()).isEqualTo("call.ended");
                    JsonNode data = JSON.readTree(ended.data());
                    assertThat(data.path("duration").intValue()).isEqualTo(42);
                    assertThat(data.at("/billing/pulses").intValue()).isEqualTo(7);
                })
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void onlyANumberKeyMayListenAndEachNumberHasItsLimitOfStreams() {
        TenantFixture tenant = fixtures.tenant();
        NumberFixture number = fixtures.evoGoNumber(tenant);

        json(http.get().uri("/v1/calls/events").accept(MediaType.TEXT_EVENT_STREAM).exchange(), HttpStatus.UNAUTHORIZED);
        JsonNode tenantKey = json(http.get().uri("/v1/calls/events").header("x-api-key", tenant.key())
                .accept(MediaType.TEXT_EVENT_STREAM).exchange(), HttpStatus.FORBIDDEN);
        assertThat(tenantKey.path("code").stringValue()).isEqualTo("TENANT_SCOPE_NOT_ALLOWED");

        List<reactor.core.Disposable> open = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                StepVerifier.create(stream(number.key()).take(1))
                        .expectNextMatches(ready -> "ready".equals(ready.event()))
                        .verifyComplete();
                // take(1) closed that one again: the limit counts open streams only. Keep this one open.
                open.add(stream(number.key()).subscribe());
            }
            org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> {
                JsonNode refused = json(http.get().uri("/v1/calls/events").header("x-api-key", number.key())
                        .accept(MediaType.TEXT_EVENT_STREAM).exchange(), HttpStatus.TOO_MANY_REQUESTS);
                assertThat(refused.path("code").stringValue()).isEqualTo("RATE_LIMITED");
            });
        } finally {
            open.forEach(reactor.core.Disposable::dispose);
        }
        // Closed streams free their places.
        org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() ->
                StepVerifier.create(stream(number.key()).take(1))
                        .expectNextMatches(ready -> "ready".equals(ready.event()))
                        .verifyComplete());
    }

    private Flux<ServerSentEvent<String>> stream(String key) {
        return stream(http, key);
    }

    static Flux<ServerSentEvent<String>> stream(WebTestClient http, String key) {
        return http.get().uri("/v1/calls/events").header("x-api-key", key).accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() { })
                .getResponseBody()
                .filter(event -> event.event() != null); // heartbeats are comments
    }

    @Test
    void thisInstancesOwnConsumerGroupsCommitNoOffsets() throws Exception {
        TenantFixture tenant = fixtures.tenant();
        NumberFixture meta = fixtures.metaNumber(tenant);
        NumberFixture evoGo = fixtures.evoGoNumber(tenant);
        String callId = Ids.newId("call");

        // The call-events feed consumes an event for a stream, the reply consumer a command's reply.
        StepVerifier.create(stream(meta.key()))
                .assertNext(ready -> assertThat(ready.event()).isEqualTo("ready"))
                .then(() -> send(meta.id(), event(tenant, meta.id(), callId, CallEventType.CALL_RINGING,
                        CallStatus.RINGING, 1).build()))
                .assertNext(ringing -> assertThat(ringing.event()).isEqualTo("call.ringing"))
                .thenCancel()
                .verify(WAIT);
        json(http.post().uri("/v1/calls").header("x-api-key", evoGo.key())
                .bodyValue(Map.of("to", "+5511988887777")).exchange(), HttpStatus.CREATED);

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                EmbeddedInfra.shared().kafkaBootstrap()))) {
            List<String> groups = admin.listGroups().all().get(10, TimeUnit.SECONDS).stream()
                    .map(GroupListing::groupId)
                    .filter(id -> id.startsWith("api-gateway-replies-") || id.startsWith("api-gateway-call-events-"))
                    .toList();
            assertThat(groups).anyMatch(id -> id.startsWith("api-gateway-replies-"))
                    .anyMatch(id -> id.startsWith("api-gateway-call-events-"));
            // Long enough for a time-based commit (ack-time 1 s) and an idle poll (poll-timeout 5 s) to have happened.
            await().during(Duration.ofSeconds(7)).atMost(Duration.ofSeconds(15)).until(() -> {
                for (String group : groups) {
                    if (!admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                            .get(10, TimeUnit.SECONDS).isEmpty()) {
                        return false;
                    }
                }
                return true;
            });
        }
    }

    /** To partition 0, so the records of a test arrive in the order sent whatever their keys. */
    static synchronized void send(String key, SpecificRecord value) {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    EmbeddedInfra.shared().kafkaBootstrap(), ProducerConfig.LINGER_MS_CONFIG, 0),
                    new StringSerializer(), new SingleObjectAvroSerializer());
        }
        try {
            producer.send(new ProducerRecord<>(Topics.CALL_EVENTS.name(), 0, key, value)).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static CallEvent.Builder event(TenantFixture tenant, String numberId, String callId, CallEventType type,
            CallStatus status, long sequence) {
        return CallEvent.newBuilder()
                .setEventId(Ids.newId("evt"))
                .setType(type)
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setSequence(sequence)
                .setTenantId(tenant.id())
                .setNumberId(numberId)
                .setProvider(Provider.META)
                .setCallId(callId)
                .setExternalCallId("wacid.stream-test")
                .setDirection(Direction.INBOUND)
                .setStatus(status)
                .setEndReason(null)
                .setPeerNumber("+5511999990000")
                .setDurationSeconds(null)
                .setBizOpaqueCallbackData(null)
                .setBilling(null)
                .setPermissionStatus(null)
                .setRawJson(null);
    }
}
