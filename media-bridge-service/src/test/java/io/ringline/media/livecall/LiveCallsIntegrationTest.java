package io.ringline.media.livecall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.infra.InfraProperties;
import io.ringline.media.livecall.application.LiveCallTracker;
import io.ringline.media.support.CallEvents;
import io.ringline.platform.ids.Ids;
import io.ringline.schemas.Topics;
import io.ringline.schemas.avro.CallEvent;
import io.ringline.schemas.avro.CallEventType;
import io.ringline.schemas.avro.Provider;
import io.ringline.testsupport.kafka.DeadLetterReader;
import io.ringline.testsupport.kafka.ListenerHold;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** call-events in, live calls out: the real service against the embedded broker and PostgreSQL. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=media-bridge-service",
        "ringline.media.metrics-refresh=200ms",
        "ringline.internal-token=test-internal-token"})
class LiveCallsIntegrationTest {

    static final Duration DEADLINE = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        InfraProperties.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<String, SpecificRecord> kafka;

    @Autowired
    KafkaTemplate<String, byte[]> bytesKafkaTemplate;

    @Autowired
    MeterRegistry meters;

    @Autowired
    DatabaseClient db;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrap;

    @Test
    void aConnectedEvoGoCallIsListedUntilItEnds() {
        String number = Ids.newId("num");
        String callId = Ids.newId("call");
        CallEvent connected = CallEvents.connected(number, callId);
        publish(connected);

        await().atMost(DEADLINE).until(() -> liveCallIds(number).equals(List.of(callId)));
        api().get().uri("/internal/live-calls?numberId={n}", number).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.liveCalls[0].callId").isEqualTo(callId)
                .jsonPath("$.liveCalls[0].numberId").isEqualTo(number)
                .jsonPath("$.liveCalls[0].tenantId").isEqualTo("ten_media")
                .jsonPath("$.liveCalls[0].provider").isEqualTo("EVO_GO")
                .jsonPath("$.liveCalls[0].externalCallId").isEqualTo("GO-" + callId)
                .jsonPath("$.liveCalls[0].peerNumber").isEqualTo("+5511988887777")
                .jsonPath("$.liveCalls[0].connectedAt").isEqualTo(connected.getOccurredAt().toString());
        await().atMost(DEADLINE).until(() -> liveGauge() >= 1);

        publish(CallEvents.ended(number, callId));
        await().atMost(DEADLINE).until(() -> liveCallIds(number).isEmpty());
    }

    @Test
    void aMissedCallIsRemovedAndMetaCallsAreNeverTracked() {
        String number = Ids.newId("num");
        String goCall = Ids.newId("call");
        String metaCall = Ids.newId("call");
        publish(CallEvents.of(CallEventType.CALL_CONNECTED, Provider.META, number, metaCall).build());
        publish(CallEvents.connected(number, goCall));
        await().atMost(DEADLINE).until(() -> liveCallIds(number).equals(List.of(goCall)));

        publish(CallEvents.of(CallEventType.CALL_MISSED, Provider.EVO_GO, number, goCall).build());
        await().atMost(DEADLINE).until(() -> liveCallIds(number).isEmpty());
    }

    @Test
    void aRedeliveredOrDuplicateEventChangesNothing() {
        String number = Ids.newId("num");
        String callId = Ids.newId("call");
        CallEvent connected = CallEvents.connected(number, callId);
        CallEvent ended = CallEvents.ended(number, callId);
        publish(connected);
        publish(connected); // duplicate while live: still one row
        await().atMost(DEADLINE).until(() -> liveCallIds(number).equals(List.of(callId)));
        publish(ended);
        await().atMost(DEADLINE).until(() -> liveCallIds(number).isEmpty());

        publish(ended); // a redelivered end deletes nothing
        publish(connected); // Kafka redelivers the old CALL_CONNECTED after the call ended
        String marker = Ids.newId("call");
        publish(CallEvents.connected(number, marker)); // same key, so processed after the redelivery
        await().atMost(DEADLINE).until(() -> liveCallIds(number).contains(marker));
        assertThat(liveCallIds(number)).containsExactly(marker);
    }

    @Test
    void onlyTheConnectionIsRecordedAsProcessedTheEndIsOneIdempotentDelete() {
        String number = Ids.newId("num");
        String callId = Ids.newId("call");
        CallEvent connected = CallEvents.connected(number, callId);
        CallEvent ended = CallEvents.ended(number, callId);
        publish(connected);
        await().atMost(DEADLINE).until(() -> liveCallIds(number).equals(List.of(callId)));
        publish(ended);
        await().atMost(DEADLINE).until(() -> liveCallIds(number).isEmpty());

        // The end is applied (the call left the table) without a transaction of its own or an id to prune later.
        assertThat(processedIds(connected.getEventId(), ended.getEventId())).containsExactly(connected.getEventId());
    }

    @Test
    void aPollsChangesAreAppliedTogetherWithEachCallsLastWord() {
        String number = Ids.newId("num");
        List<String> staying = new ArrayList<>();
        String endedInThePoll = Ids.newId("call");
        DistributionSummary batches = meters.get("ringline.media.live.calls.batch").summary();
        long transactionsBefore = batches.count();
        double changesBefore = batches.totalAmount();

        withListenerHeld(() -> {
            for (int i = 0; i < 20; i++) {
                String callId = Ids.newId("call");
                staying.add(callId);
                CallEvent connected = CallEvents.connected(number, callId);
                publish(connected);
                if (i == 0) {
                    publish(connected); // the same event twice in one poll: one row, one duplicate
                }
            }
            publish(CallEvents.connected(number, endedInThePoll));
            publish(CallEvents.ended(number, endedInThePoll)); // connected and ended within the poll: never listed
        });

        await().atMost(DEADLINE).until(() -> liveCallIds(number).size() == 20);
        assertThat(liveCallIds(number)).containsExactlyInAnyOrderElementsOf(staying);
        await().atMost(DEADLINE).until(() -> batches.totalAmount() - changesBefore == 23);
        // One poll, applied together; a few if the broker handed the records over in more than one poll. Record by
        // record it would be a transaction per connection.
        assertThat(batches.count() - transactionsBefore).as("polls applied for 23 changes").isBetween(1L, 4L);
    }

    @Test
    void theConsumerWaitsToGatherEventsInsteadOfFetchingEachAlone() {
        Properties consumer = listeners.getListenerContainer("media-call-events").getContainerProperties()
                .getKafkaConsumerProperties();
        assertThat(consumer).as("ringline.media.live-calls defaults")
                .containsEntry("fetch.min.bytes", "65536")
                .containsEntry("fetch.max.wait.ms", "500");
    }

    @Test
    void eventsPublishedOneAtATimeAreAppliedInFewPolls() {
        String number = Ids.newId("num");
        DistributionSummary batches = meters.get("ringline.media.live.calls.batch").summary();
        long transactionsBefore = batches.count();
        double changesBefore = batches.totalAmount();

        // The listener running: each event acknowledged by the broker before the next is sent. A consumer that
        // fetched as soon as one byte was there would apply most of them in a poll (and a transaction) each.
        for (int i = 0; i < 10; i++) {
            publish(CallEvents.connected(number, Ids.newId("call")));
        }

        await().atMost(DEADLINE).until(() -> batches.totalAmount() - changesBefore == 10);
        assertThat(liveCallIds(number)).hasSize(10);
        // Within one fetch's wait of the first, or across one more if a wait ran out while they were sent.
        assertThat(batches.count() - transactionsBefore).as("polls applied for 10 events sent one by one")
                .isBetween(1L, 2L);
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndTheNextEventIsProcessed() {
        String number = Ids.newId("num");
        bytesKafkaTemplate.send(Topics.CALL_EVENTS.name(), number, "garbage".getBytes(StandardCharsets.UTF_8)).join();
        CallEvent withoutCallId = CallEvents.of(CallEventType.CALL_CONNECTED, Provider.EVO_GO, number, null).build();
        publish(withoutCallId);
        String callId = Ids.newId("call");
        publish(CallEvents.connected(number, callId));

        await().atMost(DEADLINE).until(() -> liveCallIds(number).equals(List.of(callId)));
        // The undecodable record and the number's event have different order keys, so they are handled concurrently
        // (CallEventBatches#each) and either may be parked first: each must be parked, in any order.
        assertThat(new DeadLetterReader(bootstrap).awaitKeyed(Topics.CALL_EVENTS, number, 2, DEADLINE)).hasSize(2)
                .anySatisfy(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("garbage"))
                .anySatisfy(r -> assertThat(r.text()).contains(withoutCallId.getEventId()));
    }

    @Test
    void theApiRequiresTheInternalToken() {
        WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build()
                .get().uri("/internal/live-calls").exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("UNAUTHORIZED");
    }

    private void publish(CallEvent event) {
        kafka.send(Topics.CALL_EVENTS.name(), event.getNumberId(), event).join();
    }

    /** Publishes while the listener is stopped, so everything published arrives together when it starts again. */
    private void withListenerHeld(Runnable publishing) {
        ListenerHold.whilePublishing(listeners.getListenerContainer("media-call-events"), DEADLINE, publishing);
    }

    private List<String> processedIds(String... eventIds) {
        return db.sql("SELECT message_id FROM processed_messages WHERE consumer = :c AND message_id = ANY(:ids)")
                .bind("c", LiveCallTracker.CONSUMER)
                .bind("ids", eventIds)
                .map(row -> row.get("message_id", String.class))
                .all().collectList().block(DEADLINE);
    }

    private WebTestClient api() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .defaultHeader("x-internal-token", "test-internal-token").build();
    }

    @SuppressWarnings("unchecked")
    private List<String> liveCallIds(String number) {
        Map<String, Object> body = api().get().uri("/internal/live-calls?numberId={n}", number).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return ((List<Map<String, Object>>) body.get("liveCalls")).stream().map(c -> (String) c.get("callId")).toList();
    }

    private double liveGauge() {
        var gauge = meters.find("ringline.media.live.calls").tag("provider", "EVO_GO").gauge();
        return gauge == null ? -1 : gauge.value();
    }
}
