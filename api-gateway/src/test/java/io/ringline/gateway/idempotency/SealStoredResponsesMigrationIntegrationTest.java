package io.ringline.gateway.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.infra.EmbeddedInfra;
import io.ringline.platform.crypto.SecretBox;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

/**
 * Upgrading a gateway whose idempotency store holds responses in clear (as versions before V6 wrote them,
 * new API keys among them): the migration seals every stored response and drops the plaintext column, and
 * the sealed response opens to the exact bytes, so retries spanning the upgrade are still answered.
 */
class SealStoredResponsesMigrationIntegrationTest {

    private static final String SCHEMA = "gateway_v6_upgrade";

    private final SecretBox box = new SecretBox(new byte[32]);

    @Test
    void sealsWhatEarlierVersionsStoredInClearAndDropsThePlaintext() throws SQLException {
        EmbeddedInfra infra = EmbeddedInfra.shared();
        try (Connection jdbc = DriverManager.getConnection(infra.jdbcUrl(), EmbeddedInfra.DB_USER, EmbeddedInfra.DB_PASSWORD)) {
            try (Statement s = jdbc.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            }
            flyway(infra).target("3").load().migrate();
            byte[] plaintext = "{\"key\":\"rl_plaintext-secret\"}".getBytes(StandardCharsets.UTF_8);
            try (PreparedStatement insert = jdbc.prepareStatement("INSERT INTO " + SCHEMA + ".idempotency_keys "
                    + "(api_key_id, idempotency_key, request_hash, status, content_type, response_body) VALUES "
                    + "('key_1', ?, 'h', ?, 'application/json', ?)")) {
                insert.setString(1, "done");
                insert.setInt(2, 201);
                insert.setBytes(3, plaintext);
                insert.executeUpdate();
                insert.setString(1, "empty");
                insert.setInt(2, 204);
                insert.setBytes(3, new byte[0]);
                insert.executeUpdate();
            }

            flyway(infra).javaMigrations(new V6__SealStoredResponses(box)).load().migrate();

            try (Statement s = jdbc.createStatement();
                    ResultSet rows = s.executeQuery("SELECT idempotency_key, response_sealed FROM " + SCHEMA
                            + ".idempotency_keys ORDER BY idempotency_key")) {
                rows.next();
                assertThat(rows.getString(1)).isEqualTo("done");
                assertThat(rows.getString(2)).startsWith("v2.").doesNotContain("rl_plaintext-secret");
                assertThat(box.decryptBytes(rows.getString(2))).isEqualTo(plaintext);
                rows.next();
                assertThat(rows.getString(1)).isEqualTo("empty");
                assertThat(rows.getString(2)).isNull();
            }
            try (Statement s = jdbc.createStatement();
                    ResultSet columns = s.executeQuery("SELECT column_name FROM information_schema.columns "
                            + "WHERE table_schema = '" + SCHEMA + "' AND table_name = 'idempotency_keys'")) {
                boolean plaintextColumn = false;
                while (columns.next()) {
                    plaintextColumn |= columns.getString(1).equals("response_body");
                }
                assertThat(plaintextColumn).isFalse();
            }
            try (Statement s = jdbc.createStatement()) {
                s.execute("DROP SCHEMA " + SCHEMA + " CASCADE");
            }
        }
    }

    private static FluentConfiguration flyway(EmbeddedInfra infra) {
        return Flyway.configure()
                .dataSource(infra.jdbcUrl(), EmbeddedInfra.DB_USER, EmbeddedInfra.DB_PASSWORD)
                .schemas(SCHEMA)
                .defaultSchema(SCHEMA)
                .locations("classpath:db/platform", "classpath:db/migration/gateway");
    }
}
