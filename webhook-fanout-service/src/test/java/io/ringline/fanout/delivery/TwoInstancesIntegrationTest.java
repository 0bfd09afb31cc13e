package io.ringline.fanout.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.fanout.FanoutApplication;
import io.ringline.fanout.support.CallEvents;
import io.ringline.fanout.support.FanoutIntegrationTest;
import io.ringline.infra.EmbeddedInfra;
import io.ringline.testsupport.http.RecordingHttpReceiver;
import io.ringline.testsupport.http.RecordingHttpReceiver.Received;
import io.ringline.testsupport.http.RecordingHttpReceiver.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.publisher.Mono;

/**
 * Two instances of the service (this test's context and a second one started next to it, as the dev stack
 * starts services) share the due deliveries through the database — leases taken with SKIP LOCKED — and no
 * delivery is sent twice: the receiver counts requests per (endpoint, webhook-id).
 */
class TwoInstancesIntegrationTest extends FanoutIntegrationTest {

    @Autowired
    MeterRegistry meters;

    @Test
    void twoInstancesShareTheWorkWithoutDoubleSending() {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--ringline.fanout.allow-private-networks=true",
                "--ringline.fanout.delivery.poll-interval=100ms", "--ringline.internal-token=" + TOKEN));
        EmbeddedInfra.shared().environment().forEach((k, v) -> args.add("--" + k + "=" + v));
        try (ConfigurableApplicationContext second = FanoutApplication.application().run(args.toArray(String[]::new));
                RecordingHttpReceiver receiver = new RecordingHttpReceiver()
                        .answering(n -> Reply.okAfter(Mono.delay(Duration.ofMillis(50)).then()))) {
            MeterRegistry secondMeters = second.getBean(MeterRegistry.class);
            double firstBefore = attempts(meters);
            double secondBefore = attempts(secondMeters);
            String tenant = newTenant();
            int endpoints = 5;
            for (int i = 0; i < endpoints; i++) {
                subscribe(tenant, receiver.url("/hook" + i), List.of("*"), List.of());
            }
            int events = 60;
            for (int i = 0; i < events; i++) {
                publish(CallEvents.ringing(tenant, newNumber()).build());
            }
            await().atMost(DEADLINE).until(() -> count("SELECT count(*) FROM delivery WHERE tenant_id = $1 "
                    + "AND status = 'DELIVERED'", tenant) == (long) events * endpoints);

            Map<String, Long> perDelivery = receiver.received().stream()
                    .collect(Collectors.groupingBy(r -> r.path() + " " + r.header("webhook-id"), Collectors.counting()));
            double byFirst = attempts(meters) - firstBefore;
            double bySecond = attempts(secondMeters) - secondBefore;
            System.out.printf("[two-instances] deliveries=%d requests=%d attempts by instance 1=%.0f, instance 2=%.0f%n",
                    perDelivery.size(), receiver.received().size(), byFirst, bySecond);
            assertThat(perDelivery).hasSize(events * endpoints);
            assertThat(perDelivery.values()).as("no delivery sent twice").containsOnly(1L);
            assertThat(byFirst).isPositive();
            assertThat(bySecond).isPositive();
            assertThat(receiver.received()).extracting(Received::method).containsOnly("POST");
        }
    }

    private static double attempts(MeterRegistry registry) {
        return registry.find("ringline.webhook.attempt").timers().stream().mapToDouble(t -> t.count()).sum();
    }
}
