package io.ringline.gateway.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringline.infra.EmbeddedInfra;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The migration to per-(base URL, instance name) identity against rows written before it: every GO row gets the
 * key the application computes, so a later registration of the same instance under another spelling of its URL
 * collides; two tenants' instances of one name on different servers may now coexist.
 */
class GoInstanceMigrationIntegrationTest {

    @Test
    void existingGoRowsGetTheApplicationsKeyAndTheNewIndexHolds() throws SQLException {
        String schema = "gw_migration_" + UUID.randomUUID().toString().replace("-", "");
        EmbeddedInfra infra = EmbeddedInfra.shared();
        String url = "jdbc:postgresql://localhost:" + infra.environment().get("RINGLINE_DB_PORT") + "/"
                + EmbeddedInfra.DB_NAME;
        Flyway before = flyway(url, schema, "3");
        before.migrate();
        try (Connection db = DriverManager.getConnection(url + "?currentSchema=" + schema, EmbeddedInfra.DB_USER,
                EmbeddedInfra.DB_PASSWORD); Statement sql = db.createStatement()) {
            sql.execute("INSERT INTO tenants VALUES ('ten_a', 'A', now())");
            sql.execute(row("num_go", "+5511900000001", "EVO_GO", "HTTP://Go.Example:80/", "main", "'h1'"));
            sql.execute(row("num_meta", "+5511900000002", "META", "https://graph.facebook.com/v21.0", "pnid-1", "NULL"));

            flyway(url, schema, "latest").migrate();

            var rows = sql.executeQuery("SELECT id, go_instance_key FROM numbers ORDER BY id");
            rows.next();
            assertThat(rows.getString("id")).isEqualTo("num_go");
            assertThat(rows.getString("go_instance_key"))
                    .isEqualTo(GoInstanceIdentity.key(URI.create("http://go.example"), "main"));
            rows.next();
            assertThat(rows.getString("go_instance_key")).as("META rows have none").isNull();

            // Same instance, another spelling: refused by the index. Same name on another server: fine.
            assertThatThrownBy(() -> sql.execute(goRow("num_go2", "+5511900000003", "http://go.example", "main")))
                    .hasMessageContaining("numbers_go_instance_live");
            sql.execute(goRow("num_go3", "+5511900000004", "http://go-2.example", "main"));
            assertThatThrownBy(() -> sql.execute(row("num_meta2", "+5511900000005", "META",
                    "https://graph.facebook.com/v21.0", "pnid-1", "NULL")))
                    .hasMessageContaining("numbers_meta_account_live");
        } finally {
            try (Connection db = DriverManager.getConnection(url, EmbeddedInfra.DB_USER, EmbeddedInfra.DB_PASSWORD);
                    Statement sql = db.createStatement()) {
                sql.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    private static Flyway flyway(String url, String schema, String target) {
        return Flyway.configure()
                .dataSource(url, EmbeddedInfra.DB_USER, EmbeddedInfra.DB_PASSWORD)
                .schemas(schema).defaultSchema(schema)
                .locations("classpath:db/platform", "classpath:db/migration/gateway")
                .target(target)
                .load();
    }

    private static String row(String id, String phone, String provider, String baseUrl, String account,
            String tokenHash) {
        return "INSERT INTO numbers (id, tenant_id, phone, provider, base_url, account_id, encrypted_credentials, "
                + "instance_token_hash, version, created_at, updated_at) VALUES ('" + id + "', 'ten_a', '" + phone
                + "', '" + provider + "', '" + baseUrl + "', '" + account + "', 'v1.x', " + tokenHash
                + ", 1, now(), now())";
    }

    private static String goRow(String id, String phone, String baseUrl, String instance) {
        return "INSERT INTO numbers (id, tenant_id, phone, provider, base_url, account_id, encrypted_credentials, "
                + "instance_token_hash, go_instance_key, version, created_at, updated_at) VALUES ('" + id
                + "', 'ten_a', '" + phone + "', 'EVO_GO', '" + baseUrl + "', '" + instance + "', 'v1.x', 'h', '"
                + GoInstanceIdentity.key(URI.create(baseUrl), instance) + "', 1, now(), now())";
    }
}
