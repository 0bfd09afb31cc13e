package io.ringline.signaling.call.reconciliation;

import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Claims parked signals whose call has not appeared for longer than a cutoff (their offer was probably lost), and
 * records the scan's answer about them. The claim stamps {@code silent_since}, so another scan (here or on another
 * instance) skips them until another parked-signal-age passes, and rows another instance is claiming right now are
 * skipped (SKIP LOCKED). The query walks the partial index {@code pending_signals_to_check} (V6), which holds only
 * the rows still to be checked.
 */
@Component
class StaleParkedSignals {

    /** One claimed parked signal: the provider call id its number has no call for. */
    record Claimed(String numberId, String externalCallId) {
    }

    private final DatabaseClient db;

    StaleParkedSignals(DatabaseClient db) {
        this.db = db;
    }

    Flux<Claimed> claim(Instant silentSince, int limit, Instant now) {
        return db.sql("""
                        WITH due AS (
                            SELECT seq FROM pending_signals
                            WHERE silent_since < :before
                            ORDER BY silent_since
                            LIMIT :limit
                            FOR UPDATE SKIP LOCKED)
                        UPDATE pending_signals p SET silent_since = :now FROM due
                        WHERE p.seq = due.seq
                        RETURNING p.number_id, p.external_call_id""")
                .bind("before", silentSince)
                .bind("limit", limit)
                .bind("now", now)
                .map(row -> new Claimed(row.get("number_id", String.class), row.get("external_call_id", String.class)))
                .all();
    }

    /**
     * The scan has its answer about this call id (the provider does not know it, it is no incoming call, or no
     * one can be asked): its parked signals are never claimed again and wait for retention.
     */
    Mono<Void> judged(Claimed call) {
        return db.sql("""
                        UPDATE pending_signals SET silent_since = NULL
                        WHERE number_id = :n AND external_call_id = :x AND silent_since IS NOT NULL""")
                .bind("n", call.numberId())
                .bind("x", call.externalCallId())
                .then();
    }
}
