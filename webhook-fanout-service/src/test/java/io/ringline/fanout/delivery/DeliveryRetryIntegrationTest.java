package io.ringline.fanout.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.fanout.support.CallEvents;
import io.ringline.fanout.support.FanoutIntegrationTest;
import io.ringline.schemas.avro.CallEvent;
import io.ringline.testsupport.http.RecordingHttpReceiver;
import io.ringline.testsupport.http.RecordingHttpReceiver.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Retries, giving up, Retry-After, 410 and per-endpoint isolation against real receivers. The test
 * context's retry schedule is 300 ms × 3 (four attempts), so nothing here waits for minutes.
 */
class DeliveryRetryIntegrationTest extends FanoutIntegrationTest {

    @Autowired
    MeterRegistry meters;

    @Test
    void aFailedAttemptIsRetriedWithTheSameWebhookIdAndEveryAttemptIsLogged() {
        String tenant = newTenant();
        try (RecordingHttpReceiver receiver = new RecordingHttpReceiver()
                .answering(n -> n == 1 ? new Reply(500, Map.of(), "boom", Mono.empty())
                        : Reply.ok())) {
            subscribe(tenant, receiver.url(), List.of("*"), List.of());
            CallEvent event = CallEvents.ringing(tenant, newNumber()).build();
            publish(event);

            await().atMost(DEADLINE).until(() -> deliveryStatus(event).equals("DELIVERED"));
            assertThat(receiver.received()).hasSize(2).extracting(r -> r.header("webhook-id"))
                    .containsOnly(event.getEventId());
            assertThat(receiver.received().get(1).body()).isEqualTo(receiver.received().get(0).body());
            List<String> attempts = db.sql("SELECT a.attempt || ':' || a.status || ':' || a.status_code || ':' "
                            + "|| coalesce(a.response_excerpt, '') || ':' || (a.duration_ms >= 0) FROM delivery_attempts a "
                            + "JOIN delivery d ON d.id = a.delivery_id WHERE d.event_id = $1 ORDER BY a.attempt")
                    .bind(0, event.getEventId()).map(row -> row.get(0, String.class)).all().collectList()
                    .block(Duration.ofSeconds(10));
            assertThat(attempts).containsExactly("1:FAILED:500:boom:true", "2:SUCCESS:200:ok:true");
        }
    }

    @Test
    void givesUpWhenTheScheduleIsExhausted() {
        String tenant = newTenant();
        double failedBefore = deliveries("failed");
        try (RecordingHttpReceiver receiver = new RecordingHttpReceiver().answering(n -> Reply.status(500))) {
            subscribe(tenant, receiver.url(), List.of("*"), List.of());
            CallEvent event = CallEvents.ringing(tenant, newNumber()).build();
            publish(event);

            await().atMost(DEADLINE).until(() -> deliveryStatus(event).equals("FAILED"));
            assertThat(receiver.received()).hasSize(4); // first attempt + the three retries of the test schedule
            assertThat(count("SELECT count(*) FROM delivery_attempts a JOIN delivery d ON d.id = a.delivery_id "
                    + "WHERE d.event_id = $1 AND a.status = 'FAILED'", event.getEventId())).isEqualTo(4);
            assertThat(deliveries("failed")).isEqualTo(failedBefore + 1);
        }
    }

    @Test
    void honoursRetryAfterOn503() {
        String tenant = newTenant();
        try (RecordingHttpReceiver receiver = new RecordingHttpReceiver()
                .answering(n -> n == 1 ? Reply.status(503, Map.of("Retry-After", "2")) : Reply.ok())) {
            subscribe(tenant, receiver.url(), List.of("*"), List.of());
            CallEvent event = CallEvents.ringing(tenant, newNumber()).build();
            publish(event);

            await().atMost(DEADLINE).until(() -> deliveryStatus(event).equals("DELIVERED"));
            List<RecordingHttpReceiver.Received> got = receiver.received();
            assertThat(Duration.between(got.get(0).at(), got.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        }
    }

    @Test
    void gone410DisablesTheEndpointAndCancelsWhatIsStillQueuedForIt() {
        String tenant = newTenant();
        String number = newNumber();
        double disabledBefore = disabled("gone");
        try (RecordingHttpReceiver receiver = new RecordingHttpReceiver()
                .answering(n -> n == 1 ? Reply.status(503, Map.of("Retry-After", "60")) : Reply.status(410))) {
            String id = (String) subscribe(tenant, receiver.url(), List.of("*"), List.of()).get("id");
            CallEvent parked = CallEvents.ringing(tenant, number).build();
            publish(parked);
            await().atMost(DEADLINE).until(() -> receiver.received().size() == 1
                    && count("SELECT attempts FROM delivery WHERE event_id = $1", parked.getEventId()) == 1);

            CallEvent gone = CallEvents.connected(tenant, number).setCallId(parked.getCallId()).build();
            publish(gone);

            await().atMost(DEADLINE).until(() -> deliveryStatus(gone).equals("FAILED"));
            api().get().uri("/internal/tenants/{t}/webhooks/{id}", tenant, id).exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.active").isEqualTo(false);
            assertThat(deliveryStatus(parked)).isEqualTo("CANCELLED");
            assertThat(disabled("gone")).isEqualTo(disabledBefore + 1);

            try (RecordingHttpReceiver marker = new RecordingHttpReceiver()) {
                // Ringing only: the marker proves (same key, so same partition, in order) that the ended event
                // before it was processed without getting any of it.
                subscribe(tenant, marker.url(), List.of("call.ringing"), List.of());
                CallEvent after = CallEvents.ended(tenant, number).setCallId(parked.getCallId()).build();
                publish(after);
                CallEvent next = CallEvents.ringing(tenant, number).build();
                publish(next);
                await().atMost(DEADLINE).until(() -> marker.received().size() == 1);
                assertThat(count("SELECT count(*) FROM delivery WHERE event_id = $1", after.getEventId())).isZero();
            }
            assertThat(receiver.received()).hasSize(2);
        }
    }

    @Test
    void aSlowEndpointHoldsAtMostItsOwnSlotsAndNeverDelaysOthers() {
        String tenant = newTenant();
        String slowNumber = newNumber();
        Sinks.Empty<Void> release = Sinks.empty();
        try (RecordingHttpReceiver slow = new RecordingHttpReceiver().answering(n -> Reply.okAfter(release.asMono()));
                RecordingHttpReceiver fast = new RecordingHttpReceiver()) {
            subscribe(tenant, slow.url(), List.of("*"), List.of(slowNumber));
            String fastNumber = newNumber();
            subscribe(tenant, fast.url(), List.of("*"), List.of(fastNumber));
            List<CallEvent> slowEvents = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                CallEvent e = CallEvents.ringing(tenant, slowNumber).build();
                slowEvents.add(e);
                publish(e);
            }
            await().atMost(DEADLINE).until(() -> slow.received().size() == 4);
            await().atMost(DEADLINE).until(() -> gauge("ringline.webhook.due.depth") >= 6
                    && gauge("ringline.webhook.oldest.due.age") > 0);

            publish(CallEvents.ringing(tenant, fastNumber).build());
            await().atMost(DEADLINE).until(() -> fast.received().size() == 1);
            assertThat(slow.received()).hasSize(4); // per-endpoint bound: the other two wait for a free slot

            release.tryEmitEmpty();
            await().atMost(DEADLINE).until(() -> slow.received().size() == 6);
            await().atMost(DEADLINE).until(() -> slowEvents.stream().allMatch(e -> deliveryStatus(e).equals("DELIVERED")));
        }
    }

    @Test
    void metricsAreExposedForPrometheus() {
        String scrape = api().get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(scrape).contains("ringline_webhook_due_depth", "ringline_webhook_oldest_due_age_seconds");
        // Counters and timers appear once something happened; the other tests of this class make sure it did.
        String tenant = newTenant();
        try (RecordingHttpReceiver receiver = new RecordingHttpReceiver()) {
            subscribe(tenant, receiver.url(), List.of("*"), List.of());
            CallEvent event = CallEvents.ringing(tenant, newNumber()).build();
            publish(event);
            await().atMost(DEADLINE).until(() -> deliveryStatus(event).equals("DELIVERED"));
        }
        String after = api().get().uri("/actuator/prometheus").exchange()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(after).contains("ringline_webhook_deliveries_total{", "outcome=\"delivered\"",
                "ringline_webhook_attempt_seconds_count{");
    }

    private String deliveryStatus(CallEvent event) {
        return db.sql("SELECT status FROM delivery WHERE event_id = $1").bind(0, event.getEventId())
                .map(row -> row.get(0, String.class)).one().defaultIfEmpty("NONE").block(Duration.ofSeconds(10));
    }

    private double deliveries(String outcome) {
        return meters.find("ringline.webhook.deliveries").tag("outcome", outcome).counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    private double disabled(String reason) {
        var counter = meters.find("ringline.webhook.endpoints.disabled").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private double gauge(String name) {
        var gauge = meters.find(name).gauge();
        return gauge == null ? -1 : gauge.value();
    }
}
