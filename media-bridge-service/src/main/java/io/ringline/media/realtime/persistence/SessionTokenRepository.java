package io.ringline.media.realtime.persistence;

import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** {@code media.realtime_session_tokens}: hashed single-use tokens. */
@Repository
public class SessionTokenRepository {

    /** A stored token's binding; {@code sealedUpstream} is a SecretBox envelope. */
    public record StoredToken(String callId, String numberId, String externalCallId, String mode, String format,
            String framing, String playout, String dialect, String sealedUpstream) {
    }

    private final DatabaseClient db;

    public SessionTokenRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> insert(String tokenHash, StoredToken token, Instant expiresAt) {
        return db.sql("INSERT INTO realtime_session_tokens (token_hash, call_id, number_id, external_call_id, mode, "
                        + "format, framing, playout, dialect, sealed_upstream, expires_at) "
                        + "VALUES (:hash, :callId, :numberId, :externalCallId, :mode, :format, :framing, :playout, "
                        + ":dialect, :upstream, :expiresAt)")
                .bind("hash", tokenHash)
                .bind("callId", token.callId())
                .bind("numberId", token.numberId())
                .bind("externalCallId", token.externalCallId())
                .bind("mode", token.mode())
                .bind("format", token.format())
                .bind("framing", token.framing())
                .bind("playout", token.playout())
                .bind("dialect", token.dialect())
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
                        + "RETURNING call_id, number_id, external_call_id, mode, format, framing, playout, dialect, "
                        + "sealed_upstream")
                .bind("hash", tokenHash)
                .bind("now", now)
                .map(row -> new StoredToken(row.get("call_id", String.class), row.get("number_id", String.class),
                        row.get("external_call_id", String.class), row.get("mode", String.class),
                        row.get("format", String.class), row.get("framing", String.class),
                        row.get("playout", String.class),
                        row.get("dialect", String.class), row.get("sealed_upstream", String.class)))
                .one();
    }
}
