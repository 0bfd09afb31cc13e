package io.ringline.gateway.idempotency;

import io.ringline.platform.crypto.SecretBox;
import io.ringline.platform.ids.Ids;
import java.time.Duration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * Claims and remembers idempotency keys. The insert is the lock: of two concurrent requests with the same
 * key exactly one claims it; the other learns it is in progress (or, later, gets the stored response).
 * Stored responses are sealed with {@link SecretBox}: some carry secrets shown only once (a new API key, a
 * webhook signing secret), and no secret rests in clear (docs/decisions.md).
 */
@Repository
class IdempotencyStore {

    /** What a claim found. */
    sealed interface Claim {
        /**
         * This request owns the key now and must complete or release it.
         *
         * @param operationId the operation the key stands for: new for a first claim, the abandoned claim's own
         *                    when this request takes over one a crashed instance left unfinished
         */
        record Claimed(String operationId) implements Claim {
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
    private final SecretBox box;

    IdempotencyStore(DatabaseClient db, SecretBox box) {
        this.db = db;
        this.box = box;
    }

    /**
     * @param retention      how long a completed response is replayed
     * @param abandonedAfter an unfinished claim older than this is taken to belong to a crashed instance: the same
     *                       request takes it over (same operation), a different one is refused as a reuse
     */
    Mono<Claim> claim(String apiKeyId, String key, String requestHash, Duration retention, Duration abandonedAfter) {
        Mono<Long> forgetExpired = db.sql("DELETE FROM idempotency_keys WHERE api_key_id = :k AND idempotency_key = :i "
                        + "AND created_at < now() - make_interval(secs => :retention)")
                .bind("k", apiKeyId)
                .bind("i", key)
                .bind("retention", (double) retention.toSeconds())
                .fetch().rowsUpdated();
        String operationId = Ids.newId(IdempotentOperation.PREFIX);
        Mono<Long> insert = db.sql("INSERT INTO idempotency_keys (api_key_id, idempotency_key, request_hash, operation_id) "
                        + "VALUES (:k, :i, :h, :o) ON CONFLICT DO NOTHING")
                .bind("k", apiKeyId)
                .bind("i", key)
                .bind("h", requestHash)
                .bind("o", operationId)
                .fetch().rowsUpdated();
        return forgetExpired.then(insert).flatMap(inserted -> inserted == 1
                ? Mono.<Claim>just(new Claim.Claimed(operationId))
                : takeOver(apiKeyId, key, requestHash, abandonedAfter, operationId)
                        .switchIfEmpty(Mono.defer(() -> existing(apiKeyId, key, requestHash))));
    }

    /**
     * The same request's claim, left unfinished by a crashed instance, is taken over with its operation: its
     * command may already be on Kafka, and only the same command id lets the signaling service recognise it.
     * Row-locked, so of two concurrent retries one takes it over and the other finds it in progress.
     */
    private Mono<Claim> takeOver(String apiKeyId, String key, String requestHash, Duration abandonedAfter,
            String fresh) {
        return db.sql("UPDATE idempotency_keys SET created_at = now(), operation_id = COALESCE(operation_id, :o) "
                        + "WHERE api_key_id = :k AND idempotency_key = :i AND request_hash = :h AND status IS NULL "
                        + "AND created_at < now() - make_interval(secs => :abandoned) RETURNING operation_id")
                .bind("k", apiKeyId)
                .bind("i", key)
                .bind("h", requestHash)
                .bind("o", fresh)
                .bind("abandoned", (double) abandonedAfter.toSeconds())
                .map(row -> (Claim) new Claim.Claimed(row.get("operation_id", String.class)))
                .one();
    }

    private Mono<Claim> existing(String apiKeyId, String key, String requestHash) {
        return db.sql("SELECT request_hash, status, content_type, response_sealed FROM idempotency_keys "
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
                    String sealed = row.get("response_sealed", String.class);
                    return new Claim.Completed(status, row.get("content_type", String.class),
                            sealed == null ? new byte[0] : open(sealed));
                })
                .one()
                // Deleted between our insert and this read (released by its owner): it is in flux; say so.
                .defaultIfEmpty(new Claim.InProgress());
    }

    Mono<Void> complete(String apiKeyId, String key, int status, String contentType, byte[] body) {
        var spec = db.sql("UPDATE idempotency_keys SET status = :s, content_type = :ct, response_sealed = :b, "
                        + "completed_at = now() WHERE api_key_id = :k AND idempotency_key = :i")
                .bind("k", apiKeyId)
                .bind("i", key)
                .bind("s", status);
        spec = body.length == 0 ? spec.bindNull("b", String.class) : spec.bind("b", box.encryptBytes(body));
        spec = contentType == null ? spec.bindNull("ct", String.class) : spec.bind("ct", contentType);
        return spec.then();
    }

    private byte[] open(String sealed) {
        try {
            return box.decryptBytes(sealed);
        } catch (IllegalArgumentException e) {
            // Replaying nothing would run the request twice; failing says what the operator must fix.
            throw new IllegalStateException("a stored idempotent response cannot be decrypted with the key ring "
                    + "(was its key dropped before bin/reencrypt ran?): " + e.getMessage(), e);
        }
    }

    /** Forgets a claim whose request ended without a response worth replaying, so a retry runs again. */
    Mono<Void> release(String apiKeyId, String key) {
        return db.sql("DELETE FROM idempotency_keys WHERE api_key_id = :k AND idempotency_key = :i AND status IS NULL")
                .bind("k", apiKeyId)
                .bind("i", key)
                .then();
    }
}
