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
        try (HostScene scene = new HostScene()) {
            // 20 attempts are due at the slow host (5 subscriptions × 4 slots each); it gets its 16
            await().atMost(DEADLINE).until(() -> scene.slowHost.inFlight() == 16);
            await().atMost(DEADLINE).until(() -> scene.otherHost.received().size() == 4);

            assertThat(scene.slowHost.inFlight()).as("the other host was served while the slow one held its 16")
                    .isEqualTo(16);
            assertThat(dispatcher.inFlightToHost("127.0.0.2")).isEqualTo(16);
            assertThat(scene.slowHost.received()).extracting(r -> r.path().substring(0, 2))
                    .as("both tenants' subscriptions share the host's slots").contains("/a", "/b");

            scene.release.tryEmitEmpty();
            await().atMost(DEADLINE).until(() -> scene.slowHost.received().size() == 20);
            assertThat(scene.slowHost.maxConcurrent()).as("never more than the host's cap at once").isEqualTo(16);
            await().atMost(DEADLINE).until(() -> count("SELECT count(*) FROM delivery WHERE tenant_id IN ($1, $2) "
                    + "AND status = 'DELIVERED'", scene.tenantA, scene.tenantB) == 24);
        }
    }

    /**
     * The claim locks only the rows it takes (docs/performance.md "Hot path step: the claim locks only what it
     * takes"): the four due rows the host's bound leaves were read by every claim since, and none of them was locked —
     * a row lock writes the locker into the row's {@code xmax}, which stays there after the lock is gone.
     */
    @Test
    void theRowsTheHostsBoundLeavesAreNotLocked() {
        try (HostScene scene = new HostScene()) {
            await().atMost(DEADLINE).until(() -> scene.slowHost.inFlight() == 16);
            await().atMost(DEADLINE).until(() -> scene.otherHost.received().size() == 4);
            String left = "SELECT count(*) FROM delivery_queue q JOIN delivery d ON d.id = q.delivery_id"
                    + " WHERE d.tenant_id IN ($1, $2) AND q.locked_until IS NULL";

            assertThat(count(left, scene.tenantA, scene.tenantB)).as("due rows the host's bound left").isEqualTo(4);
            assertThat(count(left + " AND q.xmax::text <> '0'", scene.tenantA, scene.tenantB))
                    .as("of those, locked by a claim that did not take them").isZero();

            scene.release.tryEmitEmpty();
            await().atMost(DEADLINE).until(() -> count("SELECT count(*) FROM delivery WHERE tenant_id IN ($1, $2) "
                    + "AND status = 'DELIVERED'", scene.tenantA, scene.tenantB) == 24);
        }
    }

    /**
     * Five subscriptions of two tenants on a host that holds every request until released, one more on another host,
     * and four ringing events of each tenant: 20 attempts due at the slow host, 4 at the other.
     */
    private final class HostScene implements AutoCloseable {

        final String tenantA = newTenant();
        final String tenantB = newTenant();
        final Sinks.Empty<Void> release = Sinks.empty();
        final RecordingHttpReceiver slowHost =
                new RecordingHttpReceiver("127.0.0.2").answering(n -> Reply.okAfter(release.asMono()));
        final RecordingHttpReceiver otherHost = new RecordingHttpReceiver("127.0.0.3");

        HostScene() {
            String numberA = newNumber();
            String numberB = newNumber();
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
        }

        @Override
        public void close() {
            release.tryEmitEmpty();
            slowHost.close();
            otherHost.close();
        }
    }
}
