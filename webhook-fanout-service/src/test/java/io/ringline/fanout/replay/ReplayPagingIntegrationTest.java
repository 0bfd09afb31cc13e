package io.ringline.fanout.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringline.fanout.subscription.EventName;
import io.ringline.fanout.support.FanoutIntegrationTest;
import io.ringline.platform.ids.Ids;
import io.ringline.testsupport.http.RecordingHttpReceiver;
import io.ringline.testsupport.http.RecordingHttpReceiver.Received;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A replay is bounded: a window holding more than {@code replay.max-events} (25 in tests) of the tenant's events
 * is refused before anything is queued; a smaller one is re-queued in pages of {@code replay.batch-size} (4 in
 * tests), one transaction each, and every event arrives exactly once with its original {@code webhook-id} — also
 * across page boundaries that fall among events of the same instant.
 */
class ReplayPagingIntegrationTest extends FanoutIntegrationTest {

    @Autowired
    EventLog eventLog;

    @Test
    void aReplayLongerThanOnePageDeliversEveryEventExactlyOnceWithItsOriginalWebhookId() {
        String tenant = newTenant();
        String number = newNumber();
        Instant base = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MILLIS);
        // 11 events (three pages of 4): seven share one instant, so pages split among equal timestamps.
        List<EventLog.Entry> kept = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            Instant at = i < 2 ? base.plusSeconds(i) : i < 9 ? base.plusSeconds(5) : base.plusSeconds(i);
            kept.add(record(tenant, number, at));
        }
        try (RecordingHttpReceiver receiver = new RecordingHttpReceiver()) {
            String id = (String) subscribe(tenant, receiver.url(), List.of("*"), List.of()).get("id");

            replay(tenant, id, Map.of("since", base.minusSeconds(1).toString())).expectStatus().isAccepted()
                    .expectBody().jsonPath("$.queued").isEqualTo(11);

            await().atMost(DEADLINE).until(() -> count("SELECT count(*) FROM delivery WHERE subscription_id = $1 "
                    + "AND status = 'DELIVERED'", id) == 11);
            assertThat(count("SELECT count(*) FROM delivery WHERE subscription_id = $1", id)).isEqualTo(11);
            assertThat(count("SELECT coalesce(sum(attempts), 0) FROM delivery WHERE subscription_id = $1", id))
                    .as("one attempt each").isEqualTo(11);
            Map<String, String> bodies = receiver.received().stream()
                    .collect(Collectors.toMap(r -> r.header("webhook-id"), Received::body));
            assertThat(receiver.received()).hasSize(11);
            assertThat(bodies).containsExactlyInAnyOrderEntriesOf(kept.stream()
                    .collect(Collectors.toMap(EventLog.Entry::eventId, EventLog.Entry::payload)));
        }
    }

    @Test
    void aWindowHoldingMoreThanTheCapIsRefusedAndNothingIsQueuedUntilItIsNarrowed() {
        String tenant = newTenant();
        Instant base = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MILLIS);
        for (int i = 0; i < 26; i++) {
            // The cap counts every event of the tenant, whichever number: half are for a number nobody follows.
            record(tenant, i % 2 == 0 ? newNumber() : "num_unfollowed", base.plusSeconds(i));
        }
        try (RecordingHttpReceiver receiver = new RecordingHttpReceiver()) {
            String id = (String) subscribe(tenant, receiver.url(), List.of("*"), List.of()).get("id");

            replay(tenant, id, Map.of("since", base.toString())).expectStatus().isEqualTo(422).expectBody()
                    .jsonPath("$.code").isEqualTo("REPLAY_TOO_LARGE")
                    .jsonPath("$.details.maxEvents").isEqualTo(25)
                    .jsonPath("$.error").value(message -> assertThat((String) message).contains("narrow since/until"));
            assertThat(count("SELECT count(*) FROM delivery WHERE subscription_id = $1", id)).isZero();

            replay(tenant, id, Map.of("since", base.plusSeconds(1).toString())).expectStatus().isAccepted()
                    .expectBody().jsonPath("$.queued").isEqualTo(25);
            replay(tenant, id, Map.of("since", base.toString(), "until", base.plusSeconds(1).toString()))
                    .expectStatus().isAccepted().expectBody().jsonPath("$.queued").isEqualTo(1);
            await().atMost(DEADLINE).until(() -> receiver.received().size() == 26);
        }
    }

    private EventLog.Entry record(String tenant, String number, Instant at) {
        String eventId = Ids.newId("evt");
        EventLog.Entry entry = new EventLog.Entry(eventId, tenant, number, EventName.CALL_RINGING,
                "{\"id\":\"" + eventId + "\",\"event\":\"call.ringing\"}", at);
        eventLog.record(entry).block(Duration.ofSeconds(10));
        return entry;
    }

    private WebTestClient.ResponseSpec replay(String tenant, String id, Map<String, String> body) {
        return api().post().uri("/internal/tenants/{t}/webhooks/{id}/replay", tenant, id).bodyValue(body).exchange();
    }
}
