package io.ringline.media.realtime.persistence;

import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** {@code media.realtime_session_tokens}: hashed single-use tokens. */
@Repository
public class SessionTokenRepository {

    /** A stored token's binding; {@code sealedUpstream} is a SecretBox envelope. */
    public record StoredToken(String callId, String numberId, String mode, String sealedUpstream) {
    }

    private final DatabaseClient db;

    public SessionTokenRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> insert(String tokenHash, StoredToken token, Instant expiresAt) {
        return db.sql("INSERT INTO realtime_session_tokens (token_hash, call_id, number_id, mode, sealed_upstream, "
                        + "expires_at) VALUES (:hash, :callId, :numberId, :mode, :upstream, :expiresAt)")
                .bind("hash", tokenHash)
                .bind("callId", token.callId())
                .bind("numberId", token.numberId())
                .bind("mode", token.mode())
                .bind("upstream", token.sealedUpstream())
                .bind("expiresAt", expiresAt)
                .fetch().rowsUpdated().then();
    }

    /**
     * Marks the token used, atomically: of two concurrent attempts only one gets the row. Empty when the
     * token is unknown, already used or expired at {@code now}.
     */
    public Mono<StoredToken> consume(String tokenHash, Instant now) {
        return db.sql("UPDATE realtime_session_tokens SET used_at = :now WHERE token_hash = :hash "
                        + "AND used_at IS NULL AND expires_at > :now "
                        + "RETURNING call_id, number_id, mode, sealed_upstream")
                .bind("hash", tokenHash)
                .bind("now", now)
                .map(row -> new StoredToken(row.get("call_id", String.class), row.get("number_id", String.class),
                        row.get("mode", String.class), row.get("sealed_upstream", String.class)))
                .one();
    }
}
