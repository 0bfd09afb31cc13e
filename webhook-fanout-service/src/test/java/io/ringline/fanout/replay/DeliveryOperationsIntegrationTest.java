package io.ringline.fanout.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.standardwebhooks.Webhook;
import io.ringline.fanout.subscription.EventName;
import io.ringline.fanout.support.CallEvents;
import io.ringline.fanout.support.FanoutIntegrationTest;
import io.ringline.platform.ids.Ids;
import io.ringline.platform.retention.RetentionJob;
import io.ringline.schemas.avro.CallEvent;
import io.ringline.testsupport.http.RecordingHttpReceiver;
import io.ringline.testsupport.http.RecordingHttpReceiver.Received;
import io.ringline.testsupport.http.RecordingHttpReceiver.Reply;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The delivery log, secret rotation, replay and manual retry through the internal API, against real
 * receivers; plus the failure clock (a success resets it, a long enough streak disables) and the pruning
 * of the event log kept for replays.
 */
class DeliveryOperationsIntegrationTest extends FanoutIntegrationTest {

    @Autowired
    EventLog eventLog;
    @Autowired
    RetentionJob retention;

    @Test
    void theLogListsAttemptsNewestFirstPagedAndFilteredAndOnlyToTheOwner() {
        String tenant = newTenant();
        String number = newNumber();
        try (RecordingHttpReceiver receiver = new RecordingHttpReceiver()
                .answering(n -> n == 1 ? new Reply(500, Map.of(), "boom", reactor.core.publisher.Mono.empty())
                        : Reply.ok())) {
            String id = id(subscribe(tenant, receiver.url(), List.of("*"), List.of(number)));
            CallEvent ringing = CallEvents.ringing(tenant, number).build();
            publish(ringing);
            await().atMost(DEADLINE).until(() -> status(ringing.getEventId()).equals("DELIVERED"));
            CallEvent ended = CallEvents.ended(tenant, number).build();
            publish(ended);
            await().atMost(DEADLINE).until(() -> status(ended.getEventId()).equals("DELIVERED"));

            Map<String, Object> all = logs(tenant, id, "").expectStatus().isOk().expectBody(Map.class)
                    .returnResult().getResponseBody();
            List<Map<String, Object>> entries = entries(all);
            assertThat(entries).extracting(e -> e.get("event") + ":" + e.get("status") + ":" + e.get("statusCode"))
                    .containsExactly("call.ended:SUCCESS:200", "call.ringing:SUCCESS:200", "call.ringing:FAILED:500");
            assertThat(entries.get(2)).containsEntry("responseExcerpt", "boom").containsEntry("eventId",
                    ringing.getEventId()).containsKeys("id", "deliveryId", "durationMs", "attemptedAt", "error");
            assertThat(all.get("nextBefore")).isNull();

            Map<String, Object> first = logs(tenant, id, "limit=2").expectStatus().isOk().expectBody(Map.class)
                    .returnResult().getResponseBody();
            assertThat(entries(first)).hasSize(2);
            Map<String, Object> second = logs(tenant, id, "limit=2&before=" + first.get("nextBefore"))
                    .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            assertThat(entries(second)).extracting(e -> e.get("statusCode")).containsExactly(500);

            Map<String, Object> onlyRinging = logs(tenant, id, "event=call.ringing").expectStatus().isOk()
                    .expectBody(Map.class).returnResult().getResponseBody();
            assertThat(entries(onlyRinging)).hasSize(2).allMatch(e -> e.get("event").equals("call.ringing"));

            logs(tenant, id, "limit=0").expectStatus().isBadRequest().expectBody()
                    .jsonPath("$.details.field").isEqualTo("limit");
            logs(tenant, id, "event=call.bogus").expectStatus().isBadRequest();
            logs(newTenant(), id, "").expectStatus().isNotFound();
            logs(tenant, id, "numberId=" + newNumber()).expectStatus().isNotFound();
            logs(tenant, id, "numberId=" + number).expectStatus().isOk();
        }
    }

    @Test
    void rotationSignsWithBothSecretsDuringTheGracePeriodThenOnlyTheNewOne() throws Exception {
        String tenant = newTenant();
        String number = newNumber();
        try (RecordingHttpReceiver receiver = new RecordingHttpReceiver()) {
            Map<String, Object> created = subscribe(tenant, receiver.url(), List.of("*"), List.of());
            String id = id(created);
            String oldSecret = (String) created.get("secret");

            Map<String, Object> rotated = api().post().uri("/internal/tenants/{t}/webhooks/{id}/secret/rotate", tenant, id)
                    .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            String newSecret = (String) rotated.get("secret");
            assertThat(newSecret).startsWith("whsec_").isNotEqualTo(oldSecret);
            api().get().uri("/internal/tenants/{t}/webhooks/{id}", tenant, id).exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.secret").doesNotExist();

            CallEvent during = CallEvents.ringing(tenant, number).build();
            publish(during);
            await().atMost(DEADLINE).until(() -> receiver.received().size() == 1);
            Received first = receiver.received().getFirst();
            assertThat(first.header("webhook-signature").split(" ")).hasSize(2);
            new Webhook(oldSecret).verify(first.body(), first.headers()); // a receiver still on the old secret
            new Webhook(newSecret).verify(first.body(), first.headers()); // and one already switched

            // The grace period (24 h) is over: only the new secret signs.
            db.sql("UPDATE subscription SET previous_secret_until = now() - interval '1 second' WHERE id = $1")
                    .bind(0, id).fetch().rowsUpdated().block(Duration.ofSeconds(10));
            CallEvent after = CallEvents.ended(tenant, number).build();
            publish(after);
            await().atMost(DEADLINE).until(() -> receiver.received().size() == 2);
            Received second = receiver.received().get(1);
            assertThat(second.header("webhook-signature").split(" ")).hasSize(1);
            new Webhook(newSecret).verify(second.body(), second.headers());
            assertThatThrownBy(() -> new Webhook(oldSecret).verify(second.body(), second.headers()))
                    .isInstanceOf(Exception.class);

            api().post().uri("/internal/tenants/{t}/webhooks/{id}/secret/rotate", newTenant(), id).exchange()
                    .expectStatus().isNotFound();
            api().post().uri("/internal/tenants/{t}/webhooks/{id}/secret/rotate?numberId={n}", tenant, id, number)
                    .exchange().expectStatus().isNotFound(); // tenant-wide: not a number key's to rotate
        }
    }

    @Test
    void replayResendsPastEventsWithTheOriginalWebhookIdEvenToSubscriptionsCreatedSince() {
        String tenant = newTenant();
        String number = newNumber();
        Instant since = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        try (RecordingHttpReceiver early = new RecordingHttpReceiver(); RecordingHttpReceiver late = new RecordingHttpReceiver()) {
            String earlyId = id(subscribe(tenant, early.url(), List.of("*"), List.of()));
            CallEvent ringing = CallEvents.ringing(tenant, number).build();
            CallEvent ended = CallEvents.ended(tenant, number).build();
            publish(ringing);
            publish(ended);
            await().atMost(DEADLINE).until(() -> early.received().size() == 2);

            String lateId = id(subscribe(tenant, late.url(), List.of("call.ended"), List.of()));
            replay(tenant, lateId, Map.of("since", since.toString())).expectStatus().isAccepted().expectBody()
                    .jsonPath("$.queued").isEqualTo(1); // its filter keeps only call.ended
            await().atMost(DEADLINE).until(() -> late.received().size() == 1);
            assertThat(late.received().getFirst().header("webhook-id")).isEqualTo(ended.getEventId());
            assertThat(late.received().getFirst().body()).isEqualTo(early.received().stream()
                    .filter(r -> r.header("webhook-id").equals(ended.getEventId())).findFirst().orElseThrow().body());

            replay(tenant, earlyId, Map.of("since", since.toString(), "event", "call.ringing")).expectStatus()
                    .isAccepted().expectBody().jsonPath("$.queued").isEqualTo(1);
            await().atMost(DEADLINE).until(() -> early.received().size() == 3);
            assertThat(early.received().get(2).header("webhook-id")).isEqualTo(ringing.getEventId());
            String replayed = db.sql("SELECT id FROM delivery WHERE event_id = $1 AND subscription_id = $2")
                    .bind(0, ringing.getEventId()).bind(1, earlyId).map(row -> row.get(0, String.class)).one()
                    .block(Duration.ofSeconds(10));
            await().atMost(DEADLINE).until(() -> attemptNumbers(replayed).size() == 2);
            assertThat(attemptNumbers(replayed)).as("the replay's attempt continues the count")
                    .containsExactly("1:SUCCESS", "2:SUCCESS");

            replay(tenant, earlyId, Map.of("since", Instant.now().plusSeconds(5).toString())).expectStatus()
                    .isBadRequest().expectBody().jsonPath("$.details.field").isEqualTo("since");
            replay(tenant, earlyId, Map.of("since", since.toString(), "until", since.minusSeconds(1).toString()))
                    .expectStatus().isBadRequest().expectBody().jsonPath("$.details.field").isEqualTo("until");
            replay(tenant, earlyId, Map.of("since", Instant.now().minus(Duration.ofDays(8)).toString()))
                    .expectStatus().isBadRequest().expectBody().jsonPath("$.details.field").isEqualTo("since");
            replay(tenant, earlyId, Map.of("since", "yesterday")).expectStatus().isBadRequest();
            replay(newTenant(), earlyId, Map.of("since", since.toString())).expectStatus().isNotFound();
        }
    }

    @Test
    void aFailedDeliveryIsRetriedOnRequestWithTheSameWebhookId() {
        String tenant = newTenant();
        AtomicInteger healthy = new AtomicInteger();
        try (RecordingHttpReceiver receiver = new RecordingHttpReceiver()
                .answering(n -> healthy.get() == 0 ? Reply.status(500) : Reply.ok())) {
            subscribe(tenant, receiver.url(), List.of("*"), List.of());
            CallEvent event = CallEvents.ringing(tenant, newNumber()).build();
            publish(event);
            await().atMost(DEADLINE).until(() -> status(event.getEventId()).equals("FAILED"));
            String deliveryId = db.sql("SELECT id FROM delivery WHERE event_id = $1").bind(0, event.getEventId())
                    .map(row -> row.get(0, String.class)).one().block(Duration.ofSeconds(10));

            api().post().uri("/internal/tenants/{t}/webhooks/deliveries/{d}/retry", newTenant(), deliveryId)
                    .exchange().expectStatus().isNotFound();
            healthy.set(1);
            api().post().uri("/internal/tenants/{t}/webhooks/deliveries/{d}/retry", tenant, deliveryId).exchange()
                    .expectStatus().isAccepted().expectBody().jsonPath("$.deliveryId").isEqualTo(deliveryId);
            await().atMost(DEADLINE).until(() -> status(event.getEventId()).equals("DELIVERED"));
            assertThat(receiver.received()).hasSize(5).extracting(r -> r.header("webhook-id"))
                    .containsOnly(event.getEventId());
            // Four attempts failed (the first and three retries), the manual retry's is the fifth: the count goes on.
            assertThat(attemptNumbers(deliveryId)).containsExactly("1:FAILED", "2:FAILED", "3:FAILED", "4:FAILED",
                    "5:SUCCESS");
            assertThat(count("SELECT attempts::bigint FROM delivery WHERE id = $1", deliveryId)).isEqualTo(5);
        }
    }

    @Test
    void aSuccessResetsTheFailureClockAndALongStreakDisables() {
        String tenant = newTenant();
        try (RecordingHttpReceiver ok = new RecordingHttpReceiver(); RecordingHttpReceiver failing = new RecordingHttpReceiver()
                .answering(n -> Reply.status(500))) {
            String healthyId = id(subscribe(tenant, ok.url(), List.of("*"), List.of()));
            String failingId = id(subscribe(tenant, failing.url(), List.of("*"), List.of()));
            // Both have been failing for six days (longer than the five allowed), without waiting six days.
            db.sql("UPDATE subscription SET failing_since = now() - interval '6 days' WHERE id IN ($1, $2)")
                    .bind(0, healthyId).bind(1, failingId).fetch().rowsUpdated().block(Duration.ofSeconds(10));

            publish(CallEvents.ringing(tenant, newNumber()).build());
            await().atMost(DEADLINE).until(() -> "false".equals(column(failingId, "active::text")));
            assertThat(column(failingId, "disabled_reason")).isEqualTo("FAILING");
            await().atMost(DEADLINE).until(() -> ok.received().size() == 1);
            await().atMost(DEADLINE).until(() -> column(healthyId, "failing_since") == null);
            assertThat(column(healthyId, "active::text")).isEqualTo("true");
        }
    }

    @Test
    void eventsOlderThanTheReplayRetentionArePruned() {
        String tenant = newTenant();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        EventLog.Entry old = new EventLog.Entry(Ids.newId("evt"), tenant, newNumber(),
                EventName.CALL_RINGING, "{}", now.minus(Duration.ofDays(7)).minusSeconds(60));
        EventLog.Entry recent = new EventLog.Entry(Ids.newId("evt"), tenant, newNumber(),
                EventName.CALL_ENDED, "{}", now.minus(Duration.ofDays(7)).plusSeconds(60));
        eventLog.record(old).then(eventLog.record(recent)).block(Duration.ofSeconds(10));

        retention.runOnce().block(Duration.ofSeconds(30));

        assertThat(eventLog.page(tenant, EventLog.Cursor.before(now.minus(Duration.ofDays(30))), now, 10)
                .block(Duration.ofSeconds(10))).extracting(EventLog.Entry::eventId).containsExactly(recent.eventId());
    }

    private WebTestClient.ResponseSpec logs(String tenant, String id, String query) {
        return api().get().uri("/internal/tenants/" + tenant + "/webhooks/" + id + "/logs?" + query).exchange();
    }

    /** {@code attempt:status} of each logged attempt of the delivery, in the order they were logged. */
    private List<String> attemptNumbers(String deliveryId) {
        return db.sql("SELECT attempt || ':' || status FROM delivery_attempts WHERE delivery_id = $1 ORDER BY id")
                .bind(0, deliveryId).map(row -> row.get(0, String.class)).all().collectList()
                .block(Duration.ofSeconds(10));
    }

    private WebTestClient.ResponseSpec replay(String tenant, String id, Map<String, String> body) {
        return api().post().uri("/internal/tenants/{t}/webhooks/{id}/replay", tenant, id).bodyValue(body).exchange();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> entries(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("logs");
    }

    private static String id(Map<String, Object> created) {
        return (String) created.get("id");
    }

    private String status(String eventId) {
        return db.sql("SELECT string_agg(status, ',') FROM delivery WHERE event_id = $1").bind(0, eventId)
                .map(row -> row.get(0, String.class)).one().map(s -> s == null ? "NONE" : s).defaultIfEmpty("NONE")
                .block(Duration.ofSeconds(10));
    }

    private String column(String subscriptionId, String expression) {
        return db.sql("SELECT " + expression + "::text FROM subscription WHERE id = $1").bind(0, subscriptionId)
                .map(row -> java.util.Optional.ofNullable(row.get(0, String.class))).one()
                .block(Duration.ofSeconds(10)).orElse(null);
    }
}
