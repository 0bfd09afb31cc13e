package io.ringline.gateway.tenancy;

import static io.ringline.gateway.support.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.gateway.support.Fixtures.NumberFixture;
import io.ringline.gateway.support.Fixtures.TenantFixture;
import io.ringline.gateway.support.GatewayIntegrationTest;
import io.ringline.platform.retention.RetentionJob;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The gateway's retention rules against the real database: deleted numbers (with their keys), revoked keys and
 * idempotency records go once past their period; younger ones and everything live stay.
 */
class GatewayRetentionIntegrationTest extends GatewayIntegrationTest {

    @Autowired
    RetentionJob retention;
    @Autowired
    DatabaseClient db;

    @Test
    void deletedNumbersAreErasedWithTheirKeysAfterTheirRetention() {
        TenantFixture tenant = fixtures.tenant();
        NumberFixture old = fixtures.evoGoNumber(tenant);
        NumberFixture recent = fixtures.evoGoNumber(tenant);
        NumberFixture live = fixtures.evoGoNumber(tenant);
        delete(tenant, old.id());
        delete(tenant, recent.id());
        age("numbers", "deleted_at", "id", old.id(), Duration.ofDays(31));
        age("numbers", "deleted_at", "id", recent.id(), Duration.ofDays(29));

        retention.runOnce().block();

        assertThat(count("SELECT count(*) FROM numbers WHERE id = $1", old.id())).isZero();
        assertThat(count("SELECT count(*) FROM api_keys WHERE number_id = $1", old.id())).as("its keys").isZero();
        assertThat(count("SELECT count(*) FROM numbers WHERE id = $1", recent.id())).isOne();
        assertThat(count("SELECT count(*) FROM api_keys WHERE number_id = $1", recent.id())).isOne();
        json(http.get().uri("/v1/numbers/{id}", live.id()).header("x-api-key", tenant.key()).exchange(), HttpStatus.OK);
        http.get().uri("/v1/calls").header("x-api-key", live.key()).exchange().expectStatus().isOk();
    }

    @Test
    void revokedKeysAreErasedAfterTheirRetentionAndActiveOnesNever() {
        TenantFixture tenant = fixtures.tenant();
        String oldKey = issueKey(tenant);
        String recentKey = issueKey(tenant);
        String activeKey = issueKey(tenant);
        revoke(tenant, oldKey);
        revoke(tenant, recentKey);
        age("api_keys", "revoked_at", "id", oldKey, Duration.ofDays(31));
        age("api_keys", "revoked_at", "id", recentKey, Duration.ofDays(29));
        age("api_keys", "created_at", "id", activeKey, Duration.ofDays(400));

        retention.runOnce().block();

        assertThat(count("SELECT count(*) FROM api_keys WHERE id = $1", oldKey)).isZero();
        assertThat(count("SELECT count(*) FROM api_keys WHERE id = $1", recentKey)).isOne();
        assertThat(count("SELECT count(*) FROM api_keys WHERE id = $1", activeKey)).isOne();
    }

    @Test
    void idempotencyRecordsGoAfterTheir24Hours() {
        String keyId = "key_" + UUID.randomUUID();
        for (String[] row : new String[][] {{"old", "25"}, {"recent", "23"}}) {
            db.sql("INSERT INTO idempotency_keys (api_key_id, idempotency_key, request_hash, created_at) "
                            + "VALUES (:k, :i, 'h', now() - make_interval(hours => :h))")
                    .bind("k", keyId).bind("i", row[0]).bind("h", Integer.parseInt(row[1])).then().block();
        }

        retention.runOnce().block();

        assertThat(count("SELECT count(*) FROM idempotency_keys WHERE api_key_id = $1 AND idempotency_key = 'old'",
                keyId)).isZero();
        assertThat(count("SELECT count(*) FROM idempotency_keys WHERE api_key_id = $1 AND idempotency_key = 'recent'",
                keyId)).isOne();
    }

    private String issueKey(TenantFixture tenant) {
        return json(http.post().uri("/v1/api-keys").header("x-api-key", tenant.key())
                .bodyValue(Map.of("name", "k")).exchange(), HttpStatus.CREATED).get("id").stringValue();
    }

    private void revoke(TenantFixture tenant, String keyId) {
        http.delete().uri("/v1/api-keys/{id}", keyId).header("x-api-key", tenant.key()).exchange()
                .expectStatus().isNoContent();
    }

    private void delete(TenantFixture tenant, String numberId) {
        http.delete().uri("/v1/numbers/{id}", numberId).header("x-api-key", tenant.key()).exchange()
                .expectStatus().isNoContent();
    }

    private void age(String table, String column, String idColumn, String id, Duration age) {
        db.sql("UPDATE " + table + " SET " + column + " = :at WHERE " + idColumn + " = :id")
                .bind("at", Instant.now().minus(age)).bind("id", id).then().block();
    }

    private long count(String sql, String arg) {
        return db.sql(sql).bind(0, arg).map(row -> row.get(0, Long.class)).one().block();
    }
}
