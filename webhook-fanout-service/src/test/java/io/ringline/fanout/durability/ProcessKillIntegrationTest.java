package io.ringline.fanout.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringline.fanout.support.CallEvents;
import io.ringline.infra.EmbeddedInfra;
import io.ringline.platform.ids.Ids;
import io.ringline.testsupport.http.RecordingHttpReceiver;
import io.ringline.testsupport.http.RecordingHttpReceiver.Received;
import io.ringline.testsupport.http.RecordingHttpReceiver.Reply;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Sinks;

/**
 * Durability proof (issue 4, 3a): the fan-out service runs as its own process, claims deliveries to a
 * receiver that holds every request open, and is SIGKILLed with attempts in flight and deliveries queued. A
 * new process takes over (after the dead one's leases expire) and every delivery arrives, with the same
 * webhook-id. At-least-once: re-sends of the cut-off attempts are allowed and counted, losses are not.
 */
class ProcessKillIntegrationTest {

    private static final int SUBSCRIPTIONS = 3;
    private static final int EVENTS = 20;

    @Test
    void sigkillWithDeliveriesInFlightLosesNothingAndResendsWithTheSameWebhookId() throws Exception {
        EmbeddedInfra infra = EmbeddedInfra.shared();
        String schema = "fanout_kill_" + Long.toHexString(System.nanoTime());
        String tenant = Ids.newId("ten");
        String number = Ids.newId("num");
        AtomicBoolean holding = new AtomicBoolean(true);
        Sinks.Empty<Void> held = Sinks.empty();
        try (RecordingHttpReceiver receiver = new RecordingHttpReceiver()
                .answering(n -> holding.get() ? Reply.okAfter(held.asMono()) : Reply.ok())) {
            Instant killedAt;
            try (FanoutProcess first = FanoutProcess.start(schema, FanoutProcess.logFile(schema + "-1"), Map.of())) {
                for (int i = 0; i < SUBSCRIPTIONS; i++) {
                    first.subscribe(tenant, receiver.url("/hook" + i));
                }
                Set<String> eventIds = CallEvents.publishRinging(infra.kafkaBootstrap(), tenant, number, EVENTS);
                // Every endpoint has its 4 attempts open at the receiver; the rest waits in the database.
                await().atMost(Duration.ofSeconds(60)).until(() -> receiver.received().size() >= SUBSCRIPTIONS * 4);
                first.kill();
                killedAt = Instant.now();
                holding.set(false);
                held.tryEmitEmpty();

                try (FanoutProcess second = FanoutProcess.start(schema, FanoutProcess.logFile(schema + "-2"), Map.of())) {
                    await().atMost(Duration.ofMinutes(2)).until(() -> delivered(infra, schema) == SUBSCRIPTIONS * EVENTS);

                    List<Received> all = receiver.received();
                    for (int i = 0; i < SUBSCRIPTIONS; i++) {
                        String path = "/hook" + i;
                        Set<String> answered = all.stream()
                                .filter(r -> r.path().equals(path) && r.at().isAfter(killedAt))
                                .map(r -> r.header("webhook-id")).collect(Collectors.toSet());
                        Set<String> everReceived = all.stream().filter(r -> r.path().equals(path))
                                .map(r -> r.header("webhook-id")).collect(Collectors.toSet());
                        assertThat(everReceived).as("webhook-ids at %s are the event ids", path).isEqualTo(eventIds);
                        assertThat(answered).as("every cut-off or queued delivery re-sent after the kill")
                                .containsAll(heldBeforeKill(all, path, killedAt));
                    }
                    Map<String, Long> perDelivery = all.stream().collect(Collectors.groupingBy(
                            r -> r.path() + " " + r.header("webhook-id"), Collectors.counting()));
                    long duplicates = all.size() - perDelivery.size();
                    System.out.printf("[sigkill] deliveries=%d requests=%d re-sent after the kill=%d lost=0%n",
                            perDelivery.size(), all.size(), duplicates);
                    assertThat(perDelivery).hasSize(SUBSCRIPTIONS * EVENTS);
                    assertThat(duplicates).as("the attempts cut off by the kill were sent again")
                            .isGreaterThanOrEqualTo(SUBSCRIPTIONS * 4L);
                }
            }
        }
    }

    private static Set<String> heldBeforeKill(List<Received> all, String path, Instant killedAt) {
        return all.stream().filter(r -> r.path().equals(path) && r.at().isBefore(killedAt))
                .map(r -> r.header("webhook-id")).collect(Collectors.toCollection(HashSet::new));
    }

    private static long delivered(EmbeddedInfra infra, String schema) throws Exception {
        try (Connection c = DriverManager.getConnection(infra.jdbcUrl(), EmbeddedInfra.DB_USER, EmbeddedInfra.DB_PASSWORD);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + schema + ".delivery WHERE status = 'DELIVERED'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
