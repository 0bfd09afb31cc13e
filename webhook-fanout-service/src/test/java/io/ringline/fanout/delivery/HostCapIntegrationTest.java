package io.ringline.fanout.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringline.fanout.delivery.dispatch.Dispatcher;
import io.ringline.fanout.support.CallEvents;
import io.ringline.fanout.support.FanoutIntegrationTest;
import io.ringline.testsupport.http.RecordingHttpReceiver;
import io.ringline.testsupport.http.RecordingHttpReceiver.Reply;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Sinks;

/**
 * One destination host is one bound ({@code delivery.max-in-flight-per-host}, 16 by default), whichever
 * subscriptions and tenants point at it: five subscriptions of two tenants on a host that holds every request
 * get 16 attempts at once (not 5 × 4), and a subscription on another host is delivered meanwhile.
 */
class HostCapIntegrationTest extends FanoutIntegrationTest {

    @Autowired
    Dispatcher dispatcher;

    @Test
    void subscriptionsOfDifferentTenantsOnOneHostShareItsCap() {
        String tenantA = newTenant();
        String tenantB = newTenant();
        String numberA = newNumber();
        String numberB = newNumber();
        Sinks.Empty<Void> release = Sinks.empty();
        try (RecordingHttpReceiver slowHost = new RecordingHttpReceiver("127.0.0.2").answering(n -> Reply.okAfter(release.asMono()));
                RecordingHttpReceiver otherHost = new RecordingHttpReceiver("127.0.0.3")) {
            for (String path : List.of("/a1", "/a2", "/a3")) {
                subscribe(tenantA, slowHost.url(path), List.of("*"), List.of(numberA));
            }
            for (String path : List.of("/b1", "/b2")) {
                subscribe(tenantB, slowHost.url(path), List.of("*"), List.of(numberB));
            }
            subscribe(tenantB, otherHost.url("/c"), List.of("*"), List.of(numberB));
            for (int i = 0; i < 4; i++) {
                publish(CallEvents.ringing(tenantA, numberA).build());
                publish(CallEvents.ringing(tenantB, numberB).build());
            }

            // 20 attempts are due at the slow host (5 subscriptions × 4 slots each); it gets its 16
            await().atMost(DEADLINE).until(() -> slowHost.inFlight() == 16);
            await().atMost(DEADLINE).until(() -> otherHost.received().size() == 4);

            assertThat(slowHost.inFlight()).as("the other host was served while the slow one held its 16").isEqualTo(16);
            assertThat(dispatcher.inFlightToHost("127.0.0.2")).isEqualTo(16);
            assertThat(slowHost.received()).extracting(r -> r.path().substring(0, 2))
                    .as("both tenants' subscriptions share the host's slots").contains("/a", "/b");

            release.tryEmitEmpty();
            await().atMost(DEADLINE).until(() -> slowHost.received().size() == 20);
            assertThat(slowHost.maxConcurrent()).as("never more than the host's cap at once").isEqualTo(16);
            await().atMost(DEADLINE).until(() -> count("SELECT count(*) FROM delivery WHERE tenant_id IN ($1, $2) "
                    + "AND status = 'DELIVERED'", tenantA, tenantB) == 24);
        }
    }
}
