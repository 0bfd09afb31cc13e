package io.ringline.signaling.call.reconciliation;

import io.ringline.signaling.call.CallStatus;
import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Claims calls in progress whose last word is older than a cutoff. The claim stamps {@code checked_at}, so the
 * call's last word becomes "now" for every instance: another scan (here or on another instance) skips it until
 * it is stale again, and rows another instance is claiming right now are skipped (SKIP LOCKED). The query walks
 * the partial index {@code calls_by_last_word} (V4), which holds only calls in progress.
 */
@Component
class StaleCalls {

    /**
     * A claimed call: its version when claimed, and when a signal, command or timer last changed it (the checks
     * do not count: give-up-after is measured from this).
     */
    record Claimed(String id, long version, Instant lastChange) {
    }

    private final DatabaseClient db;

    StaleCalls(DatabaseClient db) {
        this.db = db;
    }

    Flux<Claimed> claim(CallStatus status, Instant silentSince, int limit, Instant now) {
        if (status.isTerminal()) {
            throw new IllegalArgumentException("ended calls are never reconciled: " + status);
        }
        // The status is written into the statement (an enum's name, nothing a caller typed): with a bind
        // parameter a generic plan could not prove the partial index's predicate and would scan the table.
        return db.sql("""
                        WITH stale AS (
                            SELECT id FROM calls
                            WHERE status = '%s' AND GREATEST(updated_at, checked_at) < :before
                            ORDER BY GREATEST(updated_at, checked_at)
                            LIMIT :limit
                            FOR UPDATE SKIP LOCKED)
                        UPDATE calls c SET checked_at = :now FROM stale
                        WHERE c.id = stale.id
                        RETURNING c.id, c.version, c.updated_at""".formatted(status.name()))
                .bind("before", silentSince)
                .bind("limit", limit)
                .bind("now", now)
                .map(row -> new Claimed(row.get("id", String.class), row.get("version", Long.class),
                        row.get("updated_at", Instant.class)))
                .all();
    }
}
