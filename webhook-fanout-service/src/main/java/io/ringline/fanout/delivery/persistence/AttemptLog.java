package io.ringline.fanout.delivery.persistence;

import io.ringline.fanout.delivery.AttemptResult;
import io.ringline.fanout.delivery.AttemptVerdict;
import java.time.Instant;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Every attempt, successful or not, in {@code fanout.delivery_attempts}: the delivery log tenants and operators read. */
@Repository
public class AttemptLog {

    /** One logged attempt; {@code id} is the paging cursor (newer attempts have larger ids). */
    public record Entry(long id, String deliveryId, String eventId, String event, String status, Integer statusCode,
            int durationMs, String responseExcerpt, String error, Instant attemptedAt) {
    }

    private final DatabaseClient db;

    public AttemptLog(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> append(String deliveryId, String subscriptionId, int attempt, AttemptResult result) {
        boolean success = result.verdict() == AttemptVerdict.SUCCESS;
        GenericExecuteSpec spec = db.sql("INSERT INTO delivery_attempts (delivery_id, subscription_id, attempt, "
                        + "attempted_at, status, status_code, duration_ms, response_excerpt, error) VALUES (:deliveryId, "
                        + ":subscriptionId, :attempt, :attemptedAt, :status, :statusCode, :durationMs, :excerpt, :error)")
                .bind("deliveryId", deliveryId)
                .bind("subscriptionId", subscriptionId)
                .bind("attempt", attempt)
                .bind("attemptedAt", result.attemptedAt())
                .bind("status", success ? "SUCCESS" : "FAILED")
                .bind("durationMs", (int) Math.min(Integer.MAX_VALUE, result.duration().toMillis()));
        spec = result.statusCode() == null ? spec.bindNull("statusCode", Integer.class)
                : spec.bind("statusCode", result.statusCode());
        spec = result.responseExcerpt() == null ? spec.bindNull("excerpt", String.class)
                : spec.bind("excerpt", result.responseExcerpt());
        spec = result.error() == null ? spec.bindNull("error", String.class) : spec.bind("error", result.error());
        return spec.fetch().rowsUpdated().then();
    }

    /**
     * One page of a subscription's attempts, newest first.
     *
     * @param event  wire event name to keep, or null for all
     * @param before only attempts older than this cursor (an entry id), or null from the newest
     */
    public Mono<List<Entry>> page(String subscriptionId, String event, Long before, int limit) {
        String sql = "SELECT a.id, a.delivery_id, d.event_id, d.event, a.status, a.status_code, a.duration_ms, "
                + "a.response_excerpt, a.error, a.attempted_at FROM delivery_attempts a "
                + "JOIN delivery d ON d.id = a.delivery_id WHERE a.subscription_id = :subscriptionId"
                + (event == null ? "" : " AND d.event = :event")
                + (before == null ? "" : " AND a.id < :before")
                + " ORDER BY a.id DESC LIMIT :limit";
        GenericExecuteSpec spec = db.sql(sql).bind("subscriptionId", subscriptionId).bind("limit", limit);
        if (event != null) {
            spec = spec.bind("event", event);
        }
        if (before != null) {
            spec = spec.bind("before", before);
        }
        return spec.map(row -> new Entry(
                        row.get("id", Long.class),
                        row.get("delivery_id", String.class),
                        row.get("event_id", String.class),
                        row.get("event", String.class),
                        row.get("status", String.class),
                        row.get("status_code", Integer.class),
                        row.get("duration_ms", Integer.class),
                        row.get("response_excerpt", String.class),
                        row.get("error", String.class),
                        row.get("attempted_at", Instant.class)))
                .all()
                .collectList();
    }
}
