package io.ringline.gateway.tenancy.persistence;

import io.r2dbc.spi.Readable;
import io.ringline.gateway.tenancy.ApiKey;
import io.ringline.gateway.tenancy.ApiKeyScope;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** API keys table; keys are found by the SHA-256 of their secret. */
@Repository
public class ApiKeyRepository {

    private static final String COLUMNS = "k.id, k.tenant_id, k.number_id, k.name, k.prefix, k.key_hash, k.scope, "
            + "k.created_at, k.revoked_at";

    private final DatabaseClient db;

    public ApiKeyRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> insert(ApiKey key) {
        var spec = db.sql("INSERT INTO api_keys (id, tenant_id, number_id, name, prefix, key_hash, scope, created_at) "
                        + "VALUES (:id, :tenantId, :numberId, :name, :prefix, :keyHash, :scope, :createdAt)")
                .bind("id", key.id())
                .bind("tenantId", key.tenantId())
                .bind("name", key.name())
                .bind("prefix", key.prefix())
                .bind("keyHash", key.keyHash())
                .bind("scope", key.scope().name())
                .bind("createdAt", key.createdAt().atOffset(ZoneOffset.UTC));
        spec = key.numberId() == null ? spec.bindNull("numberId", String.class) : spec.bind("numberId", key.numberId());
        return spec.then();
    }

    /** The unrevoked key with this hash, unless it is bound to a number that was deleted. */
    public Mono<ApiKey> findUsable(String keyHash) {
        return db.sql("SELECT " + COLUMNS + " FROM api_keys k LEFT JOIN numbers n ON n.id = k.number_id "
                        + "WHERE k.key_hash = :hash AND k.revoked_at IS NULL "
                        + "AND (k.number_id IS NULL OR n.deleted_at IS NULL)")
                .bind("hash", keyHash)
                .map(ApiKeyRepository::toKey)
                .one();
    }

    /** {@link #findUsable(String)} for many hashes in one read: the keys among them that still authenticate. */
    public Flux<ApiKey> findUsable(List<String> keyHashes) {
        return db.sql("SELECT " + COLUMNS + " FROM api_keys k LEFT JOIN numbers n ON n.id = k.number_id "
                        + "WHERE k.key_hash = ANY(:hashes) AND k.revoked_at IS NULL "
                        + "AND (k.number_id IS NULL OR n.deleted_at IS NULL)")
                .bind("hashes", keyHashes.toArray(String[]::new))
                .map(ApiKeyRepository::toKey)
                .all();
    }

    public Mono<ApiKey> findActive(String tenantId, String id) {
        return db.sql("SELECT " + COLUMNS + " FROM api_keys k WHERE k.id = :id AND k.tenant_id = :tenantId "
                        + "AND k.revoked_at IS NULL")
                .bind("id", id)
                .bind("tenantId", tenantId)
                .map(ApiKeyRepository::toKey)
                .one();
    }

    public Flux<ApiKey> listActive(String tenantId) {
        return db.sql("SELECT " + COLUMNS + " FROM api_keys k WHERE k.tenant_id = :tenantId AND k.revoked_at IS NULL "
                        + "ORDER BY k.created_at, k.id")
                .bind("tenantId", tenantId)
                .map(ApiKeyRepository::toKey)
                .all();
    }

    /** Stores a revocation; emits false if the key was revoked meanwhile. */
    public Mono<Boolean> saveRevocation(ApiKey revoked) {
        return db.sql("UPDATE api_keys SET revoked_at = :revokedAt WHERE id = :id AND revoked_at IS NULL")
                .bind("id", revoked.id())
                .bind("revokedAt", revoked.revokedAt().atOffset(ZoneOffset.UTC))
                .fetch()
                .rowsUpdated()
                .map(rows -> rows == 1);
    }

    /** Revokes every key of a number (the number is being deleted); emits their hashes. */
    public Mono<List<String>> revokeAllOfNumber(String numberId, Instant now) {
        return db.sql("UPDATE api_keys SET revoked_at = :now WHERE number_id = :numberId AND revoked_at IS NULL "
                        + "RETURNING key_hash")
                .bind("numberId", numberId)
                .bind("now", now.atOffset(ZoneOffset.UTC))
                .map(row -> row.get("key_hash", String.class))
                .all()
                .collectList();
    }

    private static ApiKey toKey(Readable row) {
        OffsetDateTime revokedAt = row.get("revoked_at", OffsetDateTime.class);
        return new ApiKey(
                row.get("id", String.class),
                row.get("tenant_id", String.class),
                row.get("number_id", String.class),
                row.get("name", String.class),
                row.get("prefix", String.class),
                row.get("key_hash", String.class),
                ApiKeyScope.valueOf(row.get("scope", String.class)),
                row.get("created_at", OffsetDateTime.class).toInstant(),
                revokedAt == null ? null : revokedAt.toInstant());
    }
}
