package io.ringline.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The broker and the database start side by side: both are usable when start returns, and a failed start leaves
 * neither running. */
class EmbeddedInfraTest {

    @Test
    void bothPartsAreUpAndUsableWhenStartReturns() throws Exception {
        try (EmbeddedInfra infra = EmbeddedInfra.start(0, 0);
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap()));
                Connection db = DriverManager.getConnection(infra.jdbcUrl(), EmbeddedInfra.DB_USER,
                        EmbeddedInfra.DB_PASSWORD);
                ResultSet rs = db.createStatement().executeQuery("SELECT current_user")) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(EmbeddedInfra.DB_USER);
        }
    }

    /** The benchmark's per-statement costs: the services' role reads its own statements, with planning time. */
    @Test
    void statementCountersAreKeptForTheServicesRoleWithoutTheRolesPassword() throws Exception {
        try (EmbeddedInfra infra = EmbeddedInfra.start(false, 0, true, 0);
                Connection db = DriverManager.getConnection(infra.jdbcUrl(), EmbeddedInfra.DB_USER,
                        EmbeddedInfra.DB_PASSWORD)) {
            for (int i = 0; i < 3; i++) {
                db.createStatement().executeQuery("SELECT count(*) FROM pg_class WHERE relname <> 'ringline-marker'");
            }
            try (ResultSet rs = db.createStatement().executeQuery("""
                    SELECT calls, total_plan_time FROM pg_stat_statements
                    WHERE query LIKE 'SELECT count(*) FROM pg_class WHERE relname <> $1'""")) {
                assertThat(rs.next()).as("the statement is counted, its constant normalised").isTrue();
                assertThat(rs.getLong("calls")).isEqualTo(3);
                assertThat(rs.getDouble("total_plan_time")).as("planning is tracked").isPositive();
            }
            // Utility statements are kept as written, and the role was created with its password in the text: the
            // superuser (who sees every statement's text) must not find it.
            try (Connection superuser = DriverManager.getConnection(
                            "jdbc:postgresql://localhost:" + infra.postgresPort() + "/" + EmbeddedInfra.DB_NAME, "postgres", "");
                    ResultSet rs = superuser.createStatement().executeQuery(
                            "SELECT count(*) FROM pg_stat_statements WHERE query ILIKE '%PASSWORD%'")) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
        }
    }

    @Test
    void whenTheBrokerCannotStartTheDatabaseStartedBesideItIsStoppedToo() throws Exception {
        int postgresPort = freePort();
        try (ServerSocket taken = new ServerSocket(0)) { // every address: the broker's listener cannot bind
            assertThatThrownBy(() -> EmbeddedInfra.start(true, taken.getLocalPort(), true, postgresPort))
                    .isInstanceOf(RuntimeException.class);
        }
        // The database had a free port and started beside the broker: a failed start must have stopped it.
        assertThat(canBind(postgresPort)).as("PostgreSQL still holds port %d", postgresPort).isTrue();
    }

    /** A free port can be taken before the postmaster binds it, by a listener that accepts connections and never
     * answers PostgreSQL's startup message (the broker started beside it did, on CI, 2026-12-05: the start hung for
     * 10 minutes, then failed): the wait ends, and the start is tried again on another port. */
    @Test
    @Timeout(120) // the failure this guards against was a hang
    void aServerThatCannotBindItsPortIsStartedAgainOnAnother() throws Exception {
        int freePort = freePort();
        try (ServerSocket taken = new ServerSocket(0)) { // every address: the postmaster cannot bind it
            Iterator<Integer> ports = List.of(taken.getLocalPort(), freePort).iterator();
            try (EmbeddedPostgres pg = EmbeddedInfra.startPostgres(ports::next, 2, Duration.ofSeconds(5));
                    Connection db = DriverManager.getConnection("jdbc:postgresql://localhost:" + pg.getPort() + "/"
                            + EmbeddedInfra.DB_NAME, EmbeddedInfra.DB_USER, EmbeddedInfra.DB_PASSWORD);
                    ResultSet rs = db.createStatement().executeQuery("SELECT current_user")) {
                assertThat(pg.getPort()).isEqualTo(freePort);
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(EmbeddedInfra.DB_USER);
            }
        }
    }

    @Test
    @Timeout(120)
    void aTakenPortFailsTheStartWhenNoOtherAttemptIsAllowed() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            assertThatThrownBy(() -> EmbeddedInfra.startPostgres(taken::getLocalPort, 1, Duration.ofSeconds(2)))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessage("embedded PostgreSQL did not start");
        }
    }

    private static boolean canBind(int port) {
        try (ServerSocket socket = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            return socket.isBound();
        } catch (IOException held) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
