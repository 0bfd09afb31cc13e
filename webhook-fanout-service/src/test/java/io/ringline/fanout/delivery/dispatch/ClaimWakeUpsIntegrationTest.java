package io.ringline.fanout.delivery.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringline.fanout.durability.FanoutProcess;
import io.ringline.fanout.support.CallEvents;
import io.ringline.infra.EmbeddedInfra;
import io.ringline.platform.ids.Ids;
import io.ringline.testsupport.http.RecordingHttpReceiver;
import io.ringline.testsupport.http.RecordingHttpReceiver.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import reactor.core.publisher.Sinks;

/**
 * When the dispatcher runs a claim round (one statement each): never for the deliveries a call-events poll leased
 * itself ({@code launch-created}); when deliveries commit that it could not lease, and when an attempt frees a
 * slot that a claim may have left work behind for — its endpoint's or host's last one, or the instance's last
 * attempt under {@code max-in-flight} — not after every response and every recorded outcome, which made most claim
 * statements of a call find nothing (docs/performance.md). A fan-out process of its own (own schema and consumer
 * group) whose poll is ten minutes: every delivery here goes out because something woke the dispatcher, never
 * because a poll came round.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClaimWakeUpsIntegrationTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final int MAX_IN_FLIGHT = 3;
    private static final int PER_ENDPOINT = 2;

    private static FanoutProcess service;
    private static String bootstrap;

    @BeforeAll
    static void start() {
        bootstrap = EmbeddedInfra.shared().kafkaBootstrap();
        service = FanoutProcess.start("fanout_wakeups", FanoutProcess.logFile("claim-wake-ups"), Map.of(), Map.of(
                "ringline.fanout.delivery.poll-interval", "10m",
                "ringline.fanout.delivery.max-in-flight", String.valueOf(MAX_IN_FLIGHT),
                "ringline.fanout.delivery.max-in-flight-per-endpoint", String.valueOf(PER_ENDPOINT),
                "ringline.fanout.delivery.timeout", "20s",
                "ringline.fanout.delivery.lease", "60s"));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (service != null) {
            service.close();
        }
    }

    @Test
    @Order(1) // first: nothing of the other tests is still in flight
    void anEventsDeliveryGoesOutWithoutAClaimRoundAndItsResponseStartsNone() throws Exception {
        String tenant = Ids.newId("ten");
        String number = Ids.newId("num");
        try (RecordingHttpReceiver receiver = new RecordingHttpReceiver()) {
            service.subscribe(tenant, receiver.url());
            double found = claims("found");
            double empty = claims("empty");
            double launched = launchedCreated();
            int deliveries = 5;
            for (int i = 1; i <= deliveries; i++) {
                // Held only while the instance is less than half busy: the last attempt recorded first.
                await().atMost(DEADLINE).until(() -> attemptsInFlight() == 0);
                CallEvents.publishRinging(bootstrap, tenant, number, 1);
                int sent = i;
                await().atMost(DEADLINE).until(() -> receiver.received().size() == sent);
            }
            // The poll's transaction leases each new delivery itself (launch-created) and the instance sends it
            // once that commits: no claim round at all. Before, one round per committed event leased it, and
            // before that the response and the recorded outcome each woke a round too: up to three statements
            // per delivery, two of them finding nothing. One empty round is tolerated: a response that lands
            // within the microseconds between a round's launch and its end.
            await().atMost(DEADLINE).until(() -> launchedCreated() - launched == deliveries);
            assertThat(claims("found") - found).isZero();
            assertThat(claims("empty") - empty).isLessThanOrEqualTo(1);
        }
    }

    @Test
    @Order(2)
    void aDeliveryHeldBackByItsEndpointsBoundGoesAsSoonAsASlotFrees() throws Exception {
        String tenant = Ids.newId("ten");
        String number = Ids.newId("num");
        Sinks.Empty<Void> held = Sinks.empty();
        try (RecordingHttpReceiver receiver = new RecordingHttpReceiver()
                .answering(n -> n <= PER_ENDPOINT ? Reply.okAfter(held.asMono()) : Reply.ok())) {
            service.subscribe(tenant, receiver.url());
            CallEvents.publishRinging(bootstrap, tenant, number, PER_ENDPOINT + 1);
            await().atMost(DEADLINE).until(() -> receiver.received().size() == PER_ENDPOINT);

            held.tryEmitEmpty(); // the endpoint's first response frees one of its full slots
            await().atMost(DEADLINE).until(() -> receiver.received().size() == PER_ENDPOINT + 1);
        }
    }

    @Test
    @Order(3)
    void aDeliveryHeldBackByTheInstancesBoundGoesAsSoonAsAnAttemptIsRecorded() throws Exception {
        String tenant = Ids.newId("ten");
        String number = Ids.newId("num");
        Sinks.Empty<Void> held = Sinks.empty();
        List<RecordingHttpReceiver> endpoints = new ArrayList<>();
        try {
            for (int i = 0; i <= MAX_IN_FLIGHT; i++) { // one endpoint more than the instance runs attempts at once
                RecordingHttpReceiver endpoint = new RecordingHttpReceiver().answering(n -> Reply.okAfter(held.asMono()));
                endpoints.add(endpoint);
                service.subscribe(tenant, endpoint.url());
            }
            CallEvents.publishRinging(bootstrap, tenant, number, 1);
            await().atMost(DEADLINE).until(() -> received(endpoints) == MAX_IN_FLIGHT);

            // Every endpoint keeps a free slot, so only the recorded outcome of an attempt under the cap can wake
            // the claim of the last delivery.
            held.tryEmitEmpty();
            await().atMost(DEADLINE).until(() -> received(endpoints) == MAX_IN_FLIGHT + 1);
            assertThat(endpoints).allSatisfy(endpoint -> assertThat(endpoint.received()).hasSize(1));
        } finally {
            endpoints.forEach(RecordingHttpReceiver::close);
        }
    }

    @Test
    @Order(4)
    void anInstanceHalfBusyLeavesANewDeliveryToAClaim() throws Exception {
        Sinks.Empty<Void> held = Sinks.empty();
        try (RecordingHttpReceiver busy = new RecordingHttpReceiver().answering(n -> Reply.okAfter(held.asMono()));
                RecordingHttpReceiver other = new RecordingHttpReceiver()) {
            String busyTenant = Ids.newId("ten");
            String otherTenant = Ids.newId("ten");
            service.subscribe(busyTenant, busy.url());
            service.subscribe(otherTenant, other.url());
            await().atMost(DEADLINE).until(() -> attemptsInFlight() == 0);
            double launched = launchedCreated();
            CallEvents.publishRinging(bootstrap, busyTenant, Ids.newId("num"), 1);
            await().atMost(DEADLINE).until(() -> busy.received().size() == 1);
            assertThat(launchedCreated() - launched).isEqualTo(1); // an idle instance sends it straight away
            double found = claims("found");

            // One attempt of three running: half busy. Holding a slot through the next poll's transaction would idle
            // it, so the new delivery is left to a claim round, which sends it at once all the same.
            CallEvents.publishRinging(bootstrap, otherTenant, Ids.newId("num"), 1);
            await().atMost(DEADLINE).until(() -> other.received().size() == 1);
            assertThat(launchedCreated() - launched).isEqualTo(1);
            assertThat(claims("found") - found).isEqualTo(1);
            held.tryEmitEmpty();
        }
    }

    private static int received(List<RecordingHttpReceiver> endpoints) {
        return endpoints.stream().mapToInt(endpoint -> endpoint.received().size()).sum();
    }

    /** {@code ringline_webhook_claims_total} of the process for one outcome, from its Prometheus scrape. */
    private static double claims(String outcome) throws Exception {
        return counter("ringline_webhook_claims_total{", "outcome=\"" + outcome + "\"");
    }

    /** {@code ringline_webhook_attempts_in_flight} of the process. */
    private static double attemptsInFlight() throws Exception {
        return counter("ringline_webhook_attempts_in_flight", "");
    }

    /** {@code ringline_webhook_launched_created_deliveries_total} of the process. */
    private static double launchedCreated() throws Exception {
        return counter("ringline_webhook_launched_created_deliveries_total", "");
    }

    private static double counter(String prefix, String containing) throws Exception {
        String scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                                service.url("/actuator/prometheus")))
                        .header("x-internal-token", FanoutProcess.TOKEN).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        return scrape.lines()
                .filter(line -> line.startsWith(prefix) && line.contains(containing))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no counter " + prefix + " " + containing));
    }
}
