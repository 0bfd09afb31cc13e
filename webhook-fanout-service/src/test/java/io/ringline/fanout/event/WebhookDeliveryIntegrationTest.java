package io.ringline.fanout.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.standardwebhooks.Webhook;
import io.ringline.fanout.support.CallEvents;
import io.ringline.fanout.support.FanoutIntegrationTest;
import io.ringline.schemas.Topics;
import io.ringline.schemas.avro.CallEvent;
import io.ringline.schemas.avro.CallEventType;
import io.ringline.schemas.avro.CallStatus;
import io.ringline.testsupport.http.RecordingHttpReceiver;
import io.ringline.testsupport.kafka.DeadLetterReader;
import io.ringline.testsupport.kafka.DeadLetterReader.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** call-events in, signed webhooks out: the whole path through the real broker, database and HTTP. */
class WebhookDeliveryIntegrationTest extends FanoutIntegrationTest {

    @Autowired
    JsonMapper json;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrap;

    @Test
    void deliversTheFlatPayloadSignedPerStandardWebhooksWithTheEventIdAsWebhookId() throws Exception {
        String tenant = newTenant();
        String number = newNumber();
        try (RecordingHttpReceiver receiver = new RecordingHttpReceiver()) {
            String secret = (String) subscribe(tenant, receiver.url(), List.of("*"), List.of(number)).get("secret");
            CallEvent event = CallEvents.ended(tenant, number).setBizOpaqueCallbackData("order-42").build();

            publish(event);

            await().atMost(DEADLINE).until(() -> receiver.received().size() == 1);
            RecordingHttpReceiver.Received request = receiver.received().getFirst();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.header("webhook-id")).isEqualTo(event.getEventId());
            assertThat(request.header("content-type")).startsWith("application/json");
            assertThat(request.header("user-agent")).isEqualTo("Ringline-Webhooks/1");
            new Webhook(secret).verify(request.body(), request.headers()); // throws when the signature is wrong

            JsonNode body = json.readTree(request.body());
            assertThat(body.get("id").asString()).isEqualTo(event.getEventId());
            assertThat(body.get("event").asString()).isEqualTo("call.ended");
            assertThat(body.get("createdAt").asString()).isEqualTo(event.getOccurredAt().toString());
            assertThat(body.get("callId").asString()).isEqualTo(event.getCallId());
            assertThat(body.get("externalCallId").asString()).isEqualTo("wacid.test");
            assertThat(body.get("provider").asString()).isEqualTo("META");
            assertThat(body.get("numberId").asString()).isEqualTo(number);
            assertThat(body.get("direction").asString()).isEqualTo("INBOUND");
            assertThat(body.get("status").asString()).isEqualTo("COMPLETED");
            assertThat(body.get("endReason").isNull()).isTrue();
            assertThat(body.get("peerNumber").asString()).isEqualTo("+5511999990000");
            assertThat(body.get("duration").asInt()).isEqualTo(42);
            assertThat(body.get("bizOpaqueCallbackData").asString()).isEqualTo("order-42");
            assertThat(body.get("billing").get("pulses").asInt()).isEqualTo(7);
            assertThat(body.get("billing").get("billableSeconds").asInt()).isEqualTo(42);
            assertThat(body.get("sequence").asLong()).isEqualTo(3);
            assertThat(body.has("data")).isFalse();

            await().atMost(DEADLINE).until(() -> count("SELECT count(*) FROM delivery_attempts a JOIN delivery d "
                    + "ON d.id = a.delivery_id WHERE d.event_id = $1 AND a.status = 'SUCCESS' AND a.status_code = 200",
                    event.getEventId()) == 1);
            assertThat(api().get().uri("/internal/tenants/{t}/webhooks", tenant).exchange()
                    .expectBody(String.class).returnResult().getResponseBody()).doesNotContain("\"lastTriggered\":null");
        }
    }

    @Test
    void sendsOnlyWhatEachSubscriptionSelected() {
        String tenant = newTenant();
        String number = newNumber();
        String otherNumber = newNumber();
        try (RecordingHttpReceiver nothing = new RecordingHttpReceiver();
                RecordingHttpReceiver everything = new RecordingHttpReceiver();
                RecordingHttpReceiver endedOnly = new RecordingHttpReceiver();
                RecordingHttpReceiver otherNumbers = new RecordingHttpReceiver();
                RecordingHttpReceiver otherTenant = new RecordingHttpReceiver()) {
            subscribe(tenant, nothing.url(), List.of(), List.of());
            subscribe(tenant, everything.url(), List.of("*"), List.of());
            subscribe(tenant, endedOnly.url(), List.of("call.ended", "call.missed"), List.of(number));
            subscribe(tenant, otherNumbers.url(), List.of("*"), List.of(otherNumber));
            subscribe(newTenant(), otherTenant.url(), List.of("*"), List.of());

            CallEvent ringing = CallEvents.ringing(tenant, number).build();
            CallEvent ended = CallEvents.ended(tenant, number).setCallId(ringing.getCallId()).build();
            publish(ringing);
            publish(ended);

            await().atMost(DEADLINE).until(() -> everything.received().size() == 2 && endedOnly.received().size() == 1);
            assertThat(everything.received()).extracting(r -> r.header("webhook-id"))
                    .containsExactlyInAnyOrder(ringing.getEventId(), ended.getEventId());
            assertThat(endedOnly.received().getFirst().header("webhook-id")).isEqualTo(ended.getEventId());
            // Deliveries are created in the same transaction for every subscription: what is not in the table
            // now will never be sent.
            assertThat(count("SELECT count(*) FROM delivery WHERE event_id IN ($1, $2)",
                    ringing.getEventId(), ended.getEventId())).isEqualTo(3);
            assertThat(nothing.received()).isEmpty();
            assertThat(otherNumbers.received()).isEmpty();
            assertThat(otherTenant.received()).isEmpty();
        }
    }

    @Test
    void aRedeliveredEventCreatesNoSecondDeliveryEvenForSubscriptionsAddedSince() {
        String tenant = newTenant();
        String number = newNumber();
        try (RecordingHttpReceiver first = new RecordingHttpReceiver(); RecordingHttpReceiver later = new RecordingHttpReceiver()) {
            subscribe(tenant, first.url(), List.of("*"), List.of());
            CallEvent event = CallEvents.ringing(tenant, number).build();
            publish(event);
            await().atMost(DEADLINE).until(() -> first.received().size() == 1);

            subscribe(tenant, later.url(), List.of("*"), List.of());
            publish(event); // Kafka redelivery: same event id
            CallEvent marker = CallEvents.connected(tenant, number).setCallId(event.getCallId()).build();
            publish(marker);

            await().atMost(DEADLINE).until(() -> later.received().size() == 1 && first.received().size() == 2);
            assertThat(later.received().getFirst().header("webhook-id")).isEqualTo(marker.getEventId());
            assertThat(first.received()).extracting(r -> r.header("webhook-id"))
                    .containsExactly(event.getEventId(), marker.getEventId());
            assertThat(count("SELECT count(*) FROM delivery WHERE event_id = $1", event.getEventId())).isEqualTo(1);
        }
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndTheNextEventIsStillDelivered() {
        String tenant = newTenant();
        String number = newNumber();
        try (RecordingHttpReceiver receiver = new RecordingHttpReceiver()) {
            subscribe(tenant, receiver.url(), List.of("*"), List.of());
            bytesKafkaTemplate.send(Topics.CALL_EVENTS.name(), number, "not avro".getBytes(StandardCharsets.UTF_8)).join();
            CallEvent brokenRaw = CallEvents.base(tenant, number, CallEventType.CALLS_RAW, CallStatus.RINGING, 1)
                    .setRawJson("{not json").build();
            publish(brokenRaw);
            CallEvent next = CallEvents.ringing(tenant, number).build();
            publish(next);

            await().atMost(DEADLINE).until(() -> receiver.received().size() == 1);
            assertThat(receiver.received().getFirst().header("webhook-id")).isEqualTo(next.getEventId());
            List<DeadLetter> dead = new DeadLetterReader(bootstrap).awaitKeyed(Topics.CALL_EVENTS, number, 2, DEADLINE);
            // in either order: records of different order keys may be handled concurrently (OrderedBatchProcessor)
            assertThat(dead).hasSize(2)
                    .anySatisfy(d -> assertThat(new String(d.value(), StandardCharsets.UTF_8)).isEqualTo("not avro"))
                    .anySatisfy(d -> assertThat(d.text()).contains(brokenRaw.getEventId()));
            assertThat(count("SELECT count(*) FROM delivery WHERE event_id = $1", brokenRaw.getEventId())).isZero();
        }
    }

    @Test
    void theRawCallsEventCarriesMetasEnvelopeByteForByte() throws Exception {
        String tenant = newTenant();
        String number = newNumber();
        try (RecordingHttpReceiver receiver = new RecordingHttpReceiver()) {
            subscribe(tenant, receiver.url(), List.of("calls"), List.of(number));
            // Meta's spacing, key order and escapes (an SDP's CRLF, a non-ASCII name) must reach the tenant as sent.
            String envelope = "{\"object\": \"whatsapp_business_account\", \"entry\": [{\"id\": \"waba-1\", "
                    + "\"changes\": [{\"value\": {\"calls\": [{\"id\": \"wacid.1\", \"event\": \"connect\", "
                    + "\"session\": {\"sdp\": \"v=0\\r\\no=- 1 2 IN IP4 0.0.0.0\\r\\n\"}}], \"contacts\": "
                    + "[{\"profile\": {\"name\": \"Jos\\u00e9\"}}]}, \"field\": \"calls\"}]}]}";
            CallEvent raw = CallEvents.base(tenant, number, CallEventType.CALLS_RAW, CallStatus.RINGING, 1)
                    .setRawJson(envelope).build();
            publish(raw);

            await().atMost(DEADLINE).until(() -> receiver.received().size() == 1);
            String delivered = receiver.received().getFirst().body();
            JsonNode body = json.readTree(delivered);
            assertThat(body.get("event").asString()).isEqualTo("calls");
            assertThat(delivered).contains("\"raw\":" + envelope + ",");
            assertThat(body.get("raw").get("entry").get(0).get("changes").get(0).get("value").get("calls").get(0)
                    .get("id").asString()).isEqualTo("wacid.1");
        }
    }

    @Test
    void aPlayFinishedEventCarriesThePlayAndItsOutcome() throws Exception {
        String tenant = newTenant();
        String number = newNumber();
        try (RecordingHttpReceiver receiver = new RecordingHttpReceiver()) {
            subscribe(tenant, receiver.url(), List.of("call.play_finished"), List.of(number));
            CallEvent finished = CallEvents.base(tenant, number, CallEventType.CALL_PLAY_FINISHED, CallStatus.ACCEPTED, 3)
                    .setPlayId("play_01JD0000000000000000000000").setPlayOutcome("stopped").build();
            publish(finished);

            await().atMost(DEADLINE).until(() -> receiver.received().size() == 1);
            JsonNode body = json.readTree(receiver.received().getFirst().body());
            assertThat(body.get("event").asString()).isEqualTo("call.play_finished");
            assertThat(body.get("playId").asString()).isEqualTo("play_01JD0000000000000000000000");
            assertThat(body.get("outcome").asString()).isEqualTo("stopped");
            assertThat(body.get("sequence").asLong()).isEqualTo(3);
        }
    }
}
