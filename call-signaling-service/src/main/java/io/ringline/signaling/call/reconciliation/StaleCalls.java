package io.ringline.signaling.call.reconciliation;

import io.ringline.signaling.call.CallStatus;
import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Claims calls in progress whose last word is older than a cutoff. The claim stamps {@code checked_at}, so the
 * call's last word becomes "now" for every instance: another scan (here or on another instance) skips it until
 * it is stale again, and rows another instance is claiming right now are skipped (SKIP LOCKED). The query reads the
 * partial index {@code calls_in_progress} (V8), which holds only calls in progress, and orders those of the status
 * by their last word itself: an index on the last word would hold {@code updated_at}, and with it no update of a
 * call could be made in place (V8).
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
        return db.sql(claimSql(status))
                .bind("before", silentSince)
                .bind("limit", limit)
                .bind("now", now)
                .map(row -> new Claimed(row.get("id", String.class), row.get("version", Long.class),
                        row.get("updated_at", Instant.class)))
                .all();
    }

    /**
     * The status is written into the statement (an enum's name, nothing a caller typed), as the sweeps' conditions
     * are; {@code ended_at IS NULL} is what lets the planner use {@code calls_in_progress}.
     */
    static String claimSql(CallStatus status) {
        return """
                WITH stale AS (
                    SELECT id FROM calls
                    WHERE ended_at IS NULL AND status = '%s'
                      AND GREATEST(updated_at, checked_at) < :before
                    ORDER BY GREATEST(updated_at, checked_at)
                    LIMIT :limit
                    FOR UPDATE SKIP LOCKED)
                UPDATE calls c SET checked_at = :now FROM stale
                WHERE c.id = stale.id
                RETURNING c.id, c.version, c.updated_at""".formatted(status.name());
    }
}
