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

    /** One attempt to log. */
    public record NewEntry(String deliveryId, String subscriptionId, int attempt, AttemptResult result) {
    }

    /**
     * Logs many attempts, in list order (entry ids, the log's paging cursor, follow it): a CTE of the outcomes'
     * statement ({@link DeliveryRepository#saveOutcomes(List, List)}), so its parameters have names of their own. An
     * attempt of a delivery that is gone (its subscription was deleted while the attempt ran) is dropped rather than
     * failing the statement, and with it every other attempt of the batch.
     */
    static final String INSERT = """
            INSERT INTO delivery_attempts (delivery_id, subscription_id, attempt, attempted_at, status,
                                           status_code, duration_ms, response_excerpt, error)
            SELECT a.delivery_id, a.subscription_id, a.attempt, CAST(a.attempted_at AS timestamptz), a.status,
                   a.status_code, a.duration_ms, a.excerpt, a.error
            FROM unnest(CAST(:logDeliveryIds AS text[]), CAST(:logSubscriptionIds AS text[]), CAST(:logAttempts AS int[]),
                        CAST(:logAttemptedAts AS text[]), CAST(:logStatuses AS text[]), CAST(:logCodes AS int[]),
                        CAST(:logDurations AS int[]), CAST(:logExcerpts AS text[]), CAST(:logErrors AS text[]))
                 WITH ORDINALITY AS a(delivery_id, subscription_id, attempt, attempted_at, status, status_code,
                                      duration_ms, excerpt, error, position)
            JOIN delivery d ON d.id = a.delivery_id
            ORDER BY a.position""";

    /** Binds {@link #INSERT}'s parameters. */
    static GenericExecuteSpec bind(GenericExecuteSpec spec, List<NewEntry> entries) {
        int n = entries.size();
        String[] deliveryIds = new String[n];
        String[] subscriptionIds = new String[n];
        Integer[] attempts = new Integer[n];
        String[] attemptedAts = new String[n];
        String[] statuses = new String[n];
        Integer[] codes = new Integer[n];
        Integer[] durations = new Integer[n];
        String[] excerpts = new String[n];
        String[] errors = new String[n];
        for (int i = 0; i < n; i++) {
            NewEntry e = entries.get(i);
            AttemptResult result = e.result();
            deliveryIds[i] = e.deliveryId();
            subscriptionIds[i] = e.subscriptionId();
            attempts[i] = e.attempt();
            attemptedAts[i] = Timestamps.text(result.attemptedAt());
            statuses[i] = result.verdict() == AttemptVerdict.SUCCESS ? "SUCCESS" : "FAILED";
            codes[i] = result.statusCode();
            durations[i] = (int) Math.min(Integer.MAX_VALUE, result.duration().toMillis());
            excerpts[i] = result.responseExcerpt();
            errors[i] = result.error();
        }
        return spec.bind("logDeliveryIds", deliveryIds)
                .bind("logSubscriptionIds", subscriptionIds)
                .bind("logAttempts", attempts)
                .bind("logAttemptedAts", attemptedAts)
                .bind("logStatuses", statuses)
                .bind("logCodes", codes)
                .bind("logDurations", durations)
                .bind("logExcerpts", excerpts)
                .bind("logErrors", errors);
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
