package io.ringline.fanout.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringline.fanout.support.CallEvents;
import io.ringline.fanout.support.FanoutIntegrationTest;
import io.ringline.schemas.avro.CallEvent;
import io.ringline.testsupport.http.RecordingHttpReceiver;
import io.ringline.testsupport.http.RecordingHttpReceiver.Received;
import io.ringline.testsupport.http.RecordingHttpReceiver.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * Isolation with real HTTP receivers (SPEC §4 "one slow or dead endpoint never delays deliveries to others"):
 * a 10 s endpoint, a hanging one and a 500-ing one next to healthy ones; and one tenant's burst of 1,000
 * deliveries next to another tenant's single delivery. Figures are printed for docs/webhooks.md.
 */
class IsolationIntegrationTest extends FanoutIntegrationTest {

    @Test
    void slowHangingAndFailingEndpointsDoNotDelayHealthyOnes() {
        String tenant = newTenant();
        String number = newNumber();
        try (RecordingHttpReceiver slow = new RecordingHttpReceiver()
                        .answering(n -> Reply.okAfter(Mono.delay(Duration.ofSeconds(10)).then()));
                RecordingHttpReceiver hanging = new RecordingHttpReceiver().answering(n -> Reply.okAfter(Mono.never()));
                RecordingHttpReceiver failing = new RecordingHttpReceiver().answering(n -> Reply.status(500));
                RecordingHttpReceiver healthy1 = new RecordingHttpReceiver();
                RecordingHttpReceiver healthy2 = new RecordingHttpReceiver();
                RecordingHttpReceiver healthy3 = new RecordingHttpReceiver()) {
            List<RecordingHttpReceiver> healthy = List.of(healthy1, healthy2, healthy3);
            for (RecordingHttpReceiver r : List.of(slow, hanging, failing, healthy1, healthy2, healthy3)) {
                subscribe(tenant, r.url(), List.of("*"), List.of(number));
            }
            int events = 10;
            Map<String, Instant> published = new HashMap<>();
            for (int i = 0; i < events; i++) {
                CallEvent event = CallEvents.ringing(tenant, number).build();
                publish(event);
                published.put(event.getEventId(), Instant.now());
            }
            await().atMost(DEADLINE).until(() -> healthy.stream().allMatch(r -> r.received().size() == events));

            List<Long> latencies = new ArrayList<>();
            for (RecordingHttpReceiver r : healthy) {
                for (Received got : r.received()) {
                    latencies.add(Duration.between(published.get(got.header("webhook-id")), got.at()).toMillis());
                }
            }
            latencies.sort(Long::compare);
            long p50 = latencies.get(latencies.size() / 2);
            long max = latencies.getLast();
            System.out.printf("[isolation] healthy deliveries=%d p50=%d ms max=%d ms | slow endpoint 10000 ms: "
                            + "received=%d maxConcurrent=%d | hanging: received=%d maxConcurrent=%d | failing: received=%d%n",
                    latencies.size(), p50, max, slow.received().size(), slow.maxConcurrent(),
                    hanging.received().size(), hanging.maxConcurrent(), failing.received().size());

            assertThat(max).as("healthy endpoints are served while the slow one takes 10 s")
                    .isLessThan(Duration.ofSeconds(5).toMillis());
            assertThat(slow.received()).as("the slow endpoint gets only its in-flight bound at once").hasSize(4);
            assertThat(hanging.received()).hasSize(4);
            assertThat(slow.maxConcurrent()).isLessThanOrEqualTo(4);
            assertThat(hanging.maxConcurrent()).isLessThanOrEqualTo(4);
            assertThat(failing.received()).isNotEmpty();
        }
    }

    @Test
    void oneTenantsBurstDoesNotQueueAheadOfAnotherTenantsDelivery() {
        String busyTenant = newTenant();
        String busyNumber = newNumber();
        List<RecordingHttpReceiver> busy = new ArrayList<>();
        try (RecordingHttpReceiver quiet = new RecordingHttpReceiver()) {
            // 20 endpoints × 4 slots = 80 > the 64 attempts an instance runs at once: the instance is saturated.
            // Each on a host of its own, so the per-host bound (HostCapIntegrationTest) is not what limits them.
            for (int i = 0; i < 20; i++) {
                RecordingHttpReceiver r = new RecordingHttpReceiver("127.0.1." + (i + 1))
                        .answering(n -> Reply.okAfter(Mono.delay(Duration.ofMillis(500)).then()));
                busy.add(r);
                subscribe(busyTenant, r.url(), List.of("*"), List.of());
            }
            for (int i = 0; i < 50; i++) {
                publish(CallEvents.ringing(busyTenant, busyNumber).build());
            }
            await().atMost(DEADLINE).until(() -> count("SELECT count(*) FROM delivery WHERE tenant_id = $1",
                    busyTenant) == 1000);

            String quietTenant = newTenant();
            subscribe(quietTenant, quiet.url(), List.of("*"), List.of());
            CallEvent single = CallEvents.ringing(quietTenant, newNumber()).build();
            Instant start = Instant.now();
            publish(single);
            await().atMost(DEADLINE).until(() -> quiet.received().size() == 1);
            long quietLatency = Duration.between(start, quiet.received().getFirst().at()).toMillis();
            long busyDoneThen = busy.stream().mapToLong(r -> r.received().size()).sum();
            long busyPending = count("SELECT count(*) FROM delivery WHERE tenant_id = $1 AND status = 'PENDING'",
                    busyTenant);
            System.out.printf("[fairness] tenant B single delivery after %d ms; tenant A burst of 1000: %d sent, "
                    + "%d still pending at that moment%n", quietLatency, busyDoneThen, busyPending);

            assertThat(busyPending).as("the burst was still being worked off").isGreaterThan(100);
            assertThat(quietLatency).isLessThan(Duration.ofSeconds(3).toMillis());
            await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT count(*) FROM delivery WHERE tenant_id = $1 "
                    + "AND status = 'DELIVERED'", busyTenant) == 1000);
        } finally {
            busy.forEach(RecordingHttpReceiver::close);
        }
    }
}
