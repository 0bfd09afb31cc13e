package io.ringline.gateway.idempotency;

import java.time.Duration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * Claims and remembers idempotency keys. The insert is the lock: of two concurrent requests with the same
 * key exactly one claims it; the other learns it is in progress (or, later, gets the stored response).
 */
@Repository
class IdempotencyStore {

    /** What a claim found. */
    sealed interface Claim {
        /** This request owns the key now and must complete or release it. */
        record Claimed() implements Claim {
        }

        /** The first request with this key is still running. */
        record InProgress() implements Claim {
        }

        /** The key was used for a different request. */
        record Reused() implements Claim {
        }

        /** The first request's response, to replay. */
        record Completed(int status, String contentType, byte[] body) implements Claim {
        }
    }

    private final DatabaseClient db;

    IdempotencyStore(DatabaseClient db) {
        this.db = db;
    }

    /**
     * @param retention      how long a completed response is replayed
     * @param abandonedAfter an unfinished claim older than this is taken to belong to a crashed instance
     */
    Mono<Claim> claim(String apiKeyId, String key, String requestHash, Duration retention, Duration abandonedAfter) {
        Mono<Long> forgetStale = db.sql("DELETE FROM idempotency_keys WHERE api_key_id = :k AND idempotency_key = :i "
                        + "AND (created_at < now() - make_interval(secs => :retention) "
                        + "OR (status IS NULL AND created_at < now() - make_interval(secs => :abandoned)))")
                .bind("k", apiKeyId)
                .bind("i", key)
                .bind("retention", (double) retention.toSeconds())
                .bind("abandoned", (double) abandonedAfter.toSeconds())
                .fetch().rowsUpdated();
        Mono<Long> insert = db.sql("INSERT INTO idempotency_keys (api_key_id, idempotency_key, request_hash) "
                        + "VALUES (:k, :i, :h) ON CONFLICT DO NOTHING")
                .bind("k", apiKeyId)
                .bind("i", key)
                .bind("h", requestHash)
                .fetch().rowsUpdated();
        return forgetStale.then(insert).flatMap(inserted -> inserted == 1
                ? Mono.<Claim>just(new Claim.Claimed())
                : existing(apiKeyId, key, requestHash));
    }

    private Mono<Claim> existing(String apiKeyId, String key, String requestHash) {
        return db.sql("SELECT request_hash, status, content_type, response_body FROM idempotency_keys "
                        + "WHERE api_key_id = :k AND idempotency_key = :i")
                .bind("k", apiKeyId)
                .bind("i", key)
                .map(row -> {
                    if (!requestHash.equals(row.get("request_hash", String.class))) {
                        return (Claim) new Claim.Reused();
                    }
                    Integer status = row.get("status", Integer.class);
                    if (status == null) {
                        return new Claim.InProgress();
                    }
                    byte[] body = row.get("response_body", byte[].class);
                    return new Claim.Completed(status, row.get("content_type", String.class),
                            body == null ? new byte[0] : body);
                })
                .one()
                // Deleted between our insert and this read (released by its owner): it is in flux; say so.
                .defaultIfEmpty(new Claim.InProgress());
    }

    Mono<Void> complete(String apiKeyId, String key, int status, String contentType, byte[] body) {
        var spec = db.sql("UPDATE idempotency_keys SET status = :s, content_type = :ct, response_body = :b, "
                        + "completed_at = now() WHERE api_key_id = :k AND idempotency_key = :i")
                .bind("k", apiKeyId)
                .bind("i", key)
                .bind("s", status)
                .bind("b", body);
        spec = contentType == null ? spec.bindNull("ct", String.class) : spec.bind("ct", contentType);
        return spec.then();
    }

    /** Forgets a claim whose request ended without a response worth replaying, so a retry runs again. */
    Mono<Void> release(String apiKeyId, String key) {
        return db.sql("DELETE FROM idempotency_keys WHERE api_key_id = :k AND idempotency_key = :i AND status IS NULL")
                .bind("k", apiKeyId)
                .bind("i", key)
                .then();
    }
}
