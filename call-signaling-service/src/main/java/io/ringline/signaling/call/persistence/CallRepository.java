package io.ringline.signaling.call.persistence;

import static io.ringline.signaling.call.persistence.CallRows.bindNullable;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.platform.ids.Ids;
import io.ringline.signaling.call.Call;
import io.ringline.signaling.call.CallSnapshot;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Loads and stores call aggregates; every update is checked against the version it was loaded with. */
@Repository
public class CallRepository {

    private final DatabaseClient db;
    private final Counter conflicts;

    public CallRepository(DatabaseClient db, MeterRegistry meters) {
        this.db = db;
        this.conflicts = Counter.builder("ringline.calls.update.conflicts")
                .description("Call updates that lost an optimistic-lock race (the transaction is retried)")
                .register(meters);
    }

    public Mono<Call> findById(String id) {
        return db.sql("SELECT " + CallRows.COLUMNS + " FROM calls WHERE id = :id")
                .bind("id", id)
                .map(CallRows::toSnapshot)
                .one()
                .map(Call::restore);
    }

    public Mono<Call> findByExternalId(String numberId, String externalCallId) {
        return db.sql("SELECT " + CallRows.COLUMNS + " FROM calls WHERE number_id = :n AND external_call_id = :x")
                .bind("n", numberId)
                .bind("x", externalCallId)
                .map(CallRows::toSnapshot)
                .one()
                .map(Call::restore);
    }

    /** {@link #findByExternalIds}'s statement (the plan test explains it). */
    static final String FIND_BY_EXTERNAL_IDS = "SELECT " + CallRows.COLUMNS
            + " FROM unnest(CAST(:n AS text[]), CAST(:x AS text[])) AS k(n, x)"
            + " JOIN calls ON number_id = k.n AND external_call_id = k.x";

    /**
     * The calls that pairs of number id and provider call id name ({@code numberIds[i]}, {@code externalCallIds[i]}),
     * in one statement: one index probe per pair.
     */
    public Flux<Call> findByExternalIds(List<String> numberIds, List<String> externalCallIds) {
        return db.sql(FIND_BY_EXTERNAL_IDS)
                .bind("n", numberIds.toArray(String[]::new))
                .bind("x", externalCallIds.toArray(String[]::new))
                .map(CallRows::toSnapshot)
                .all()
                .map(Call::restore);
    }

    /**
     * The newest few calls of this number to this user that the provider has not named (places in flight or given
     * up), created since {@code since}, newest first.
     */
    public Flux<Call> unnamedTo(String numberId, String peerNumber, Instant since) {
        return db.sql("SELECT " + CallRows.COLUMNS + " FROM calls WHERE number_id = :n AND peer_number = :p"
                        + " AND external_call_id IS NULL AND created_at >= :since ORDER BY created_at DESC LIMIT 5")
                .bind("n", numberId)
                .bind("p", peerNumber)
                .bind("since", since)
                .map(CallRows::toSnapshot)
                .all()
                .map(Call::restore);
    }

    /** A call of this number, named by Ringline's id or by the provider's. */
    public Mono<Call> findForNumber(String numberId, String callId) {
        return Ids.isId("call", callId)
                ? findById(callId).filter(call -> call.number().numberId().equals(numberId))
                : findByExternalId(numberId, callId);
    }

    /**
     * Serialises, until the transaction ends, everyone deciding about one provider call id: whoever
     * parks a signal for an unknown id and whoever gives a call that id and applies what was parked.
     */
    public Mono<Void> lockExternalId(String numberId, String externalCallId) {
        return db.sql("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))")
                .bind("k", externalIdLockKey(numberId, externalCallId))
                .then();
    }

    /**
     * {@link #lockExternalId} for several ids in one statement (pairs {@code numberIds[i]}, {@code externalCallIds[i]}),
     * taken in the order of their keys, so two transactions locking overlapping sets never wait on each other
     * crosswise. Read what the locks guard in a later statement: this one's snapshot predates them.
     */
    public Mono<Void> lockExternalIds(List<String> numberIds, List<String> externalCallIds) {
        String[] keys = new String[numberIds.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = externalIdLockKey(numberIds.get(i), externalCallIds.get(i));
        }
        Arrays.sort(keys);
        return db.sql(LOCK_EXTERNAL_IDS)
                .bind("keys", keys)
                .then();
    }

    /** {@link #lockExternalIds}'s statement: the locks in the keys' order (their position in the sorted array). */
    static final String LOCK_EXTERNAL_IDS = """
            SELECT count(pg_advisory_xact_lock(hashtextextended(k.key, 0))) AS locked
            FROM (SELECT key FROM unnest(CAST(:keys AS text[])) WITH ORDINALITY AS u(key, position)
                  ORDER BY position) AS k""";

    private static String externalIdLockKey(String numberId, String externalCallId) {
        return "signaling.external:" + numberId + "|" + externalCallId;
    }

    public Mono<Void> insert(Call call) {
        return insert(call, "").then();
    }

    /**
     * Inserts the call unless a call with its id exists (committed, or committed by a concurrent transaction this one
     * waited for); emits whether it was inserted. One statement: no read before it.
     */
    public Mono<Boolean> insertIfAbsent(Call call) {
        return insert(call, " ON CONFLICT (id) DO NOTHING").map(rows -> rows == 1);
    }

    private Mono<Long> insert(Call call, String onConflict) {
        CallSnapshot c = call.snapshot();
        var spec = db.sql("INSERT INTO calls (" + CallRows.COLUMNS + """
                        ) VALUES (:id, :numberId, :tenantId, :provider, :direction, :status, :endReason, :externalCallId,
                        :peerNumber, :peerRef, :durationSeconds, :bizOpaque, :sdpOffer, :sdpAnswer, :startedAt,
                        :connectedAt, :endedAt, :createdAt, :updatedAt, :eventSequence, 0)""" + onConflict)
                .bind("id", c.id())
                .bind("numberId", c.number().numberId())
                .bind("tenantId", c.number().tenantId())
                .bind("provider", c.number().provider().name())
                .bind("direction", c.direction().name())
                .bind("peerNumber", c.peerNumber())
                .bind("createdAt", c.createdAt());
        return bindMutable(spec, c).fetch().rowsUpdated();
    }

    /** @throws OptimisticLockingFailureException (as the Mono's error) when someone changed the call since it was loaded */
    public Mono<Void> update(Call call) {
        CallSnapshot c = call.snapshot();
        var spec = db.sql("""
                        UPDATE calls SET status = :status, end_reason = :endReason, external_call_id = :externalCallId,
                            peer_ref = :peerRef, duration_seconds = :durationSeconds,
                            biz_opaque_callback_data = :bizOpaque, sdp_offer = :sdpOffer, sdp_answer = :sdpAnswer,
                            started_at = :startedAt, connected_at = :connectedAt, ended_at = :endedAt,
                            updated_at = :updatedAt, event_sequence = :eventSequence, version = version + 1
                        WHERE id = :id AND version = :version""")
                .bind("id", c.id())
                .bind("version", c.version());
        return bindMutable(spec, c).fetch().rowsUpdated()
                .flatMap(rows -> {
                    if (rows == 1) {
                        return Mono.<Void>empty();
                    }
                    conflicts.increment();
                    return Mono.error(new OptimisticLockingFailureException(
                            "call " + c.id() + " changed since version " + c.version() + " was loaded"));
                });
    }

    private static DatabaseClient.GenericExecuteSpec bindMutable(DatabaseClient.GenericExecuteSpec spec, CallSnapshot c) {
        spec = spec.bind("status", c.status().name())
                .bind("updatedAt", c.updatedAt())
                .bind("eventSequence", c.eventSequence());
        spec = bindNullable(spec, "endReason", c.endReason() == null ? null : c.endReason().name(), String.class);
        spec = bindNullable(spec, "externalCallId", c.externalCallId(), String.class);
        spec = bindNullable(spec, "peerRef", c.peerRef(), String.class);
        spec = bindNullable(spec, "durationSeconds", c.durationSeconds(), Integer.class);
        spec = bindNullable(spec, "bizOpaque", c.bizOpaqueCallbackData(), String.class);
        spec = bindNullable(spec, "sdpOffer", c.sdpOffer(), String.class);
        spec = bindNullable(spec, "sdpAnswer", c.sdpAnswer(), String.class);
        spec = bindNullable(spec, "startedAt", c.startedAt(), Instant.class);
        spec = bindNullable(spec, "connectedAt", c.connectedAt(), Instant.class);
        return bindNullable(spec, "endedAt", c.endedAt(), Instant.class);
    }

    /** INITIATED calls the provider never named, created before {@code before}. */
    public Flux<String> idsInitiatedWithoutProviderId(Instant before) {
        return ids("status = 'INITIATED' AND external_call_id IS NULL AND created_at < :before", before);
    }

    /** Outbound calls still waiting for an answer, created before {@code before}. */
    public Flux<String> idsUnansweredOutbound(Instant before) {
        return ids("status IN ('INITIATED', 'RINGING') AND direction = 'OUTBOUND' AND external_call_id IS NOT NULL"
                + " AND created_at < :before", before);
    }

    /** Inbound calls still ringing, created before {@code before}. */
    public Flux<String> idsRingingInbound(Instant before) {
        return ids("status = 'RINGING' AND direction = 'INBOUND' AND created_at < :before", before);
    }

    private Flux<String> ids(String condition, Instant before) {
        // ended_at IS NULL: what the partial index calls_in_progress (V8) holds, so the sweep reads calls in
        // progress only, whatever the history.
        return db.sql("SELECT id FROM calls WHERE ended_at IS NULL AND " + condition
                        + " ORDER BY created_at LIMIT 500")
                .bind("before", before)
                .map(row -> row.get("id", String.class))
                .all();
    }

    /** Calls in progress per provider name. */
    public Flux<ProviderCount> countInProgress() {
        return db.sql("SELECT provider, count(*) AS n FROM calls"
                        + " WHERE ended_at IS NULL AND status IN ('INITIATED', 'RINGING', 'ACCEPTED') GROUP BY provider")
                .map(row -> new ProviderCount(row.get("provider", String.class), row.get("n", Long.class)))
                .all();
    }

    public record ProviderCount(String provider, long count) {
    }
}
