package io.ringline.platform.crypto.reencrypt;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.ringline.infra.EmbeddedInfra;
import io.ringline.platform.crypto.KeyRing;
import io.ringline.platform.crypto.SecretBox;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The re-encryption walk against the real (embedded) PostgreSQL: every envelope ends under the active key in
 * batches, a second run changes nothing, unreadable envelopes are reported and left, a value a service writes
 * between the walk's read and write is kept, and the service's command mode does all of it from configuration.
 */
class ReencryptionIntegrationTest {

    private static final byte[] K1 = key(1);
    private static final byte[] K2 = key(2);
    private static final byte[] K9 = key(9);
    private static final String SCHEMA = "reencrypt_test";
    private static final SealedColumn SEALED =
            SealedColumn.of("secrets", "sealed", "tenant", "id").bumpingVersion("version");

    private static EmbeddedInfra infra;
    private static ConnectionFactory connections;
    private static Connection jdbc;

    private final SecretBox k1 = box("k1:" + b64(K1));
    private final SecretBox rotated = box("k2:" + b64(K2) + ",k1:" + b64(K1));
    private final SecretBox k2Only = box("k2:" + b64(K2));

    @BeforeAll
    static void connect() throws SQLException {
        infra = EmbeddedInfra.shared();
        jdbc = DriverManager.getConnection(infra.jdbcUrl(), EmbeddedInfra.DB_USER, EmbeddedInfra.DB_PASSWORD);
        connections = ConnectionFactories.get("r2dbc:postgresql://" + EmbeddedInfra.DB_USER + ":"
                + EmbeddedInfra.DB_PASSWORD + "@localhost:" + infra.postgresPort() + "/" + EmbeddedInfra.DB_NAME);
    }

    @AfterAll
    static void close() throws SQLException {
        jdbc.close();
    }

    @BeforeEach
    void table() throws SQLException {
        try (Statement s = jdbc.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            s.execute("CREATE SCHEMA " + SCHEMA);
            s.execute("CREATE TABLE " + SCHEMA + ".secrets (tenant TEXT, id TEXT, sealed TEXT, version BIGINT NOT NULL,"
                    + " PRIMARY KEY (tenant, id))");
        }
    }

    @Test
    void rewritesEveryEnvelopeUnderTheActiveKeyInBatchesAndASecondRunChangesNothing() throws SQLException {
        Map<String, String> plain = new LinkedHashMap<>();
        for (int i = 0; i < 7; i++) {
            plain.put("r" + i, "whsec_" + i);
            insert("t" + (i % 2), "r" + i, k1.encrypt("whsec_" + i));
        }
        insert("t0", "current", rotated.encrypt("already"));
        insert("t1", "none", null);

        ColumnReport report = reencryption(rotated, 3).reencrypt(SEALED).block(Duration.ofSeconds(30));

        assertThat(report.rewritten()).isEqualTo(7);
        assertThat(report.changed()).isZero();
        assertThat(report.unreadable()).isZero();
        assertThat(report.remaining()).isZero();
        Map<String, String> rows = rows();
        for (var e : plain.entrySet()) {
            assertThat(rows.get(e.getKey())).startsWith("v2.k2.");
            assertThat(k2Only.decrypt(rows.get(e.getKey()))).isEqualTo(e.getValue());
            assertThat(version(e.getKey())).isEqualTo(1);
        }
        assertThat(version("current")).isZero();
        assertThat(rows.get("none")).isNull();

        ColumnReport again = reencryption(rotated, 3).reencrypt(SEALED).block(Duration.ofSeconds(30));
        assertThat(again.rewritten()).isZero();
        assertThat(rows()).isEqualTo(rows);
    }

    @Test
    void envelopesTheRingCannotOpenAreReportedAndLeftWhileTheRestIsRewritten() throws SQLException {
        SecretBox stranger = box("k9:" + b64(K9));
        insert("t", "a", k1.encrypt("1"));
        insert("t", "b", stranger.encrypt("lost"));
        insert("t", "c", k1.encrypt("3"));
        insert("t", "d", "v2.k1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        insert("t", "e", k1.encrypt("5"));
        Map<String, String> before = rows();

        ColumnReport report = reencryption(rotated, 2).reencrypt(SEALED).block(Duration.ofSeconds(30));

        assertThat(report.rewritten()).isEqualTo(3);
        assertThat(report.unreadable()).isEqualTo(2);
        assertThat(report.remaining()).isEqualTo(2);
        assertThat(report.done()).isFalse();
        Map<String, String> after = rows();
        assertThat(after.get("b")).isEqualTo(before.get("b"));
        assertThat(after.get("d")).isEqualTo(before.get("d"));
        assertThat(k2Only.decrypt(after.get("e"))).isEqualTo("5");
    }

    @Test
    void aValueAServiceWritesBetweenTheReadAndTheWriteIsKept() throws SQLException {
        insert("t", "a", k1.encrypt("old-a"));
        insert("t", "b", k1.encrypt("old-b"));
        String serviceWrote = rotated.encrypt("rotated-b");
        UnaryOperator<String> interleaved = envelope -> {
            if (rotated.decrypt(envelope).equals("old-b")) {
                update("b", serviceWrote); // a service instance rotates b's secret right now
            }
            return rotated.reencrypt(envelope);
        };

        ColumnReport report = new Reencryption(DatabaseClient.create(connections), tx(), rotated, SCHEMA, 10, interleaved)
                .reencrypt(SEALED).block(Duration.ofSeconds(30));

        assertThat(report.rewritten()).isEqualTo(1);
        assertThat(report.changed()).isEqualTo(1);
        assertThat(report.remaining()).isZero();
        assertThat(rows().get("b")).isEqualTo(serviceWrote);
        assertThat(k2Only.decrypt(rows().get("a"))).isEqualTo("old-a");
    }

    @Test
    void theCommandModeReadsTheServicesConfigurationAndExitsWithWhatItAchieved() throws SQLException {
        insert("t", "a", k1.encrypt("A"));
        List<String> args = new ArrayList<>(List.of(ReencryptCommand.FLAG, "--ringline.db.schema=" + SCHEMA,
                "--ringline.crypto.keys=k2:" + b64(K2) + ",k1:" + b64(K1), "--ringline.crypto.key=",
                "--ringline.reencrypt.batch-size=1"));
        infra.environment().forEach((k, v) -> args.add("--" + k + "=" + v));

        assertThat(ReencryptCommand.run("kit-test", List.of(SEALED), args.toArray(String[]::new))).isZero();
        assertThat(k2Only.decrypt(rows().get("a"))).isEqualTo("A");

        insert("t", "b", box("k9:" + b64(K9)).encrypt("B"));
        assertThat(ReencryptCommand.run("kit-test", List.of(SEALED), args.toArray(String[]::new))).isEqualTo(1);

        List<String> noKeys = new ArrayList<>(args);
        noKeys.replaceAll(a -> a.startsWith("--ringline.crypto.keys=") ? "--ringline.crypto.keys=" : a);
        assertThat(ReencryptCommand.run("kit-test", List.of(SEALED), noKeys.toArray(String[]::new))).isEqualTo(2);
    }

    private Reencryption reencryption(SecretBox box, int batchSize) {
        return new Reencryption(DatabaseClient.create(connections), tx(), box, SCHEMA, batchSize);
    }

    private static TransactionalOperator tx() {
        return TransactionalOperator.create(new R2dbcTransactionManager(connections));
    }

    private static void insert(String tenant, String id, String sealed) throws SQLException {
        try (PreparedStatement s = jdbc.prepareStatement("INSERT INTO " + SCHEMA + ".secrets VALUES (?, ?, ?, 0)")) {
            s.setString(1, tenant);
            s.setString(2, id);
            s.setString(3, sealed);
            s.executeUpdate();
        }
    }

    private static void update(String id, String sealed) {
        try (PreparedStatement s = jdbc.prepareStatement("UPDATE " + SCHEMA + ".secrets SET sealed = ? WHERE id = ?")) {
            s.setString(1, sealed);
            s.setString(2, id);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> rows() throws SQLException {
        Map<String, String> rows = new LinkedHashMap<>();
        try (Statement s = jdbc.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, sealed FROM " + SCHEMA + ".secrets ORDER BY id")) {
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getString(2));
            }
        }
        return rows;
    }

    private static long version(String id) throws SQLException {
        try (PreparedStatement s = jdbc.prepareStatement("SELECT version FROM " + SCHEMA + ".secrets WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static SecretBox box(String ring) {
        return new SecretBox(KeyRing.parse(ring, null, null));
    }

    private static byte[] key(int seed) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) seed);
        return key;
    }

    private static String b64(byte[] key) {
        return Base64.getEncoder().encodeToString(key);
    }
}
