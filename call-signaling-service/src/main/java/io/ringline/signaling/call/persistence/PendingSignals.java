package io.ringline.signaling.call.persistence;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Signals parked for a provider call id no call has yet. Callers hold
 * {@link CallRepository#lockExternalId} for that id while parking or taking. A parked signal is due for
 * reconciliation from its {@code parked_at} ({@code silent_since}, V6; the claims live with reconciliation).
 */
@Repository
public class PendingSignals {

    /** One parked signal, as it arrived. */
    public record Parked(String signalId, String kind, String payloadJson, Instant receivedAt) {
    }

    private record Numbered(long seq, Parked signal) {
    }

    private final DatabaseClient db;

    public PendingSignals(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> park(String numberId, String externalCallId, Parked signal, Instant now) {
        return db.sql("""
                        INSERT INTO pending_signals (number_id, external_call_id, signal_id, kind, payload_json,
                                                     received_at, parked_at, silent_since)
                        VALUES (:n, :x, :id, :kind, :payload, :receivedAt, :now, :now)""")
                .bind("n", numberId)
                .bind("x", externalCallId)
                .bind("id", signal.signalId())
                .bind("kind", signal.kind())
                .bind("payload", signal.payloadJson())
                .bind("receivedAt", signal.receivedAt())
                .bind("now", now)
                .then();
    }

    /**
     * The signals parked for this call id, in arrival order, left where they are (reconciliation reads what the
     * provider said about a call that never appeared; {@code pending_signals_by_call} serves it).
     */
    public Mono<List<Parked>> read(String numberId, String externalCallId) {
        return db.sql("""
                        SELECT signal_id, kind, payload_json, received_at FROM pending_signals
                        WHERE number_id = :n AND external_call_id = :x
                        ORDER BY seq""")
                .bind("n", numberId)
                .bind("x", externalCallId)
                .map(row -> new Parked(row.get("signal_id", String.class), row.get("kind", String.class),
                        row.get("payload_json", String.class), row.get("received_at", Instant.class)))
                .all()
                .collectList();
    }

    /** Signals parked for one provider call id of one number, as {@link #takeAll} hands them out. */
    public record ParkedFor(String numberId, String externalCallId, Parked signal) {
    }

    /**
     * {@link #take} for several call ids in one statement (pairs {@code numberIds[i]}, {@code externalCallIds[i]}):
     * removes and returns what was parked for any of them, in arrival order.
     */
    public Flux<ParkedFor> takeAll(List<String> numberIds, List<String> externalCallIds) {
        return db.sql(TAKE_ALL)
                .bind("n", numberIds.toArray(String[]::new))
                .bind("x", externalCallIds.toArray(String[]::new))
                .map(row -> Map.entry(row.get("seq", Long.class), new ParkedFor(row.get("number_id", String.class),
                        row.get("external_call_id", String.class), new Parked(row.get("signal_id", String.class),
                        row.get("kind", String.class), row.get("payload_json", String.class),
                        row.get("received_at", Instant.class)))))
                .all()
                .sort(Map.Entry.comparingByKey()) // RETURNING promises no order
                .map(Map.Entry::getValue);
    }

    /** {@link #takeAll}'s statement: one probe of {@code pending_signals_by_call} per pair (the plan test says so). */
    static final String TAKE_ALL = """
            DELETE FROM pending_signals p USING unnest(CAST(:n AS text[]), CAST(:x AS text[])) AS k(n, x)
            WHERE p.number_id = k.n AND p.external_call_id = k.x
            RETURNING p.seq, p.number_id, p.external_call_id, p.signal_id, p.kind, p.payload_json, p.received_at""";

    /** Removes and returns the signals parked for this call id, in arrival order. */
    public Mono<List<Parked>> take(String numberId, String externalCallId) {
        return db.sql("""
                        DELETE FROM pending_signals WHERE number_id = :n AND external_call_id = :x
                        RETURNING seq, signal_id, kind, payload_json, received_at""")
                .bind("n", numberId)
                .bind("x", externalCallId)
                .map(row -> new Numbered(row.get("seq", Long.class), new Parked(row.get("signal_id", String.class),
                        row.get("kind", String.class), row.get("payload_json", String.class),
                        row.get("received_at", Instant.class))))
                .all()
                .sort(Comparator.comparingLong(Numbered::seq)) // RETURNING promises no order
                .map(Numbered::signal)
                .collectList();
    }
}
