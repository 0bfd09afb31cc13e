package io.ringline.fanout.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringline.fanout.support.CallEvents;
import io.ringline.infra.EmbeddedInfra;
import io.ringline.platform.ids.Ids;
import io.ringline.testsupport.http.RecordingHttpReceiver;
import io.ringline.testsupport.http.RecordingHttpReceiver.Received;
import io.ringline.testsupport.http.RecordingHttpReceiver.Reply;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Sinks;

/**
 * Durability proof (issue 4, 3b): PostgreSQL is stopped while attempts are in flight and while new events
 * arrive, then started again on the same data directory. The fan-out process (its own PostgreSQL, the shared
 * broker) notices (health DOWN), keeps the events unacknowledged on Kafka and the deliveries leased in the
 * database, and afterwards delivers everything: nothing lost, re-sends carry the same webhook-id.
 */
class DatabaseRestartIntegrationTest {

    @Test
    void aPostgresRestartDuringDeliveryLosesNothing(@TempDir Path dataDir) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        EmbeddedPostgres pg = startPostgres(dataDir, port, true);
        String tenant = Ids.newId("ten");
        String number = Ids.newId("num");
        AtomicBoolean holding = new AtomicBoolean(false);
        Sinks.Empty<Void> held = Sinks.empty();
        Set<String> published = new HashSet<>();
        String jdbc = "jdbc:postgresql://localhost:" + port + "/" + EmbeddedInfra.DB_NAME;
        String bootstrap = EmbeddedInfra.shared().kafkaBootstrap();
        try (RecordingHttpReceiver receiver = new RecordingHttpReceiver()
                        .answering(n -> holding.get() ? Reply.okAfter(held.asMono()) : Reply.ok());
                FanoutProcess service = FanoutProcess.start("fanout", FanoutProcess.logFile("pg-restart-" + port),
                        Map.of("RINGLINE_DB_PORT", String.valueOf(port)))) {
            service.subscribe(tenant, receiver.url());
            published.addAll(CallEvents.publishRinging(bootstrap, tenant, number, 5));
            await().atMost(Duration.ofSeconds(60)).until(() -> delivered(jdbc) == 5);

            holding.set(true);
            published.addAll(CallEvents.publishRinging(bootstrap, tenant, number, 5));
            await().atMost(Duration.ofSeconds(60)).until(() -> receiver.received().size() >= 9); // 4 held open

            pg.close(); // stopped; the data directory stays
            await().atMost(Duration.ofSeconds(60)).until(() -> health(service) != 200);
            holding.set(false);
            held.tryEmitEmpty(); // the held attempts finish while their outcome cannot be recorded
            published.addAll(CallEvents.publishRinging(bootstrap, tenant, number, 5)); // events that arrive while the database is down
            int receivedWhileDown = receiver.received().size();

            pg = startPostgres(dataDir, port, false);
            await().atMost(Duration.ofMinutes(2)).until(() -> delivered(jdbc) == 15);
            List<Received> all = receiver.received();
            Map<String, Long> perEvent = all.stream()
                    .collect(Collectors.groupingBy(r -> r.header("webhook-id"), Collectors.counting()));
            System.out.printf("[pg-restart] events=%d requests=%d (received while down: %d) re-sent=%d lost=0%n",
                    perEvent.size(), all.size(), receivedWhileDown, all.size() - perEvent.size());
            assertThat(perEvent.keySet()).isEqualTo(published);
        } finally {
            pg.close();
        }
    }

    private static EmbeddedPostgres startPostgres(Path dataDir, int port, boolean fresh) throws Exception {
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setServerConfig("fsync", "off")
                // a port taken by a silent listener fails the start instead of hanging it (docs/decisions.md)
                .setConnectConfig("loginTimeout", "10")
                .start();
        if (fresh) {
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE ROLE " + EmbeddedInfra.DB_USER + " LOGIN PASSWORD '" + EmbeddedInfra.DB_PASSWORD + "'");
                s.execute("CREATE DATABASE " + EmbeddedInfra.DB_NAME + " OWNER " + EmbeddedInfra.DB_USER);
            }
        }
        return pg;
    }

    private static int health(FanoutProcess service) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(service.url("/actuator/health")))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static long delivered(String jdbc) {
        try (Connection c = DriverManager.getConnection(jdbc, EmbeddedInfra.DB_USER, EmbeddedInfra.DB_PASSWORD);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM fanout.delivery WHERE status = 'DELIVERED'")) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            return -1;
        }
    }
}
