package io.ringline.fanout.replay;

import io.ringline.fanout.subscription.EventName;
import java.time.Instant;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * Every call event's rendered payload, kept for the replay retention ({@code fanout.event_log}; the retention
 * job prunes it). Stored once per event (not per subscription), so a replay can also reach subscriptions created
 * after the event or whose filter excluded it then; the payload is the same bytes the original deliveries carried.
 * A poll's events are written by its intake statement ({@code event.persistence.EventIntake}); this reads them back.
 */
@Repository
public class EventLog {

    /** One kept event. */
    public record Entry(String eventId, String tenantId, String numberId, EventName event, String payload,
            Instant createdAt) {
    }

    private final DatabaseClient db;

    public EventLog(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> record(Entry entry) {
        return db.sql("INSERT INTO event_log (event_id, tenant_id, number_id, event, payload, created_at) "
                        + "VALUES (:eventId, :tenantId, :numberId, :event, :payload, :createdAt) "
                        + "ON CONFLICT (event_id) DO NOTHING")
                .bind("eventId", entry.eventId())
                .bind("tenantId", entry.tenantId())
                .bind("numberId", entry.numberId())
                .bind("event", entry.event().wire())
                .bind("payload", entry.payload())
                .bind("createdAt", entry.createdAt())
                .fetch().rowsUpdated().then();
    }

    /** Where a page of a replay window ends: the next page starts after this event. */
    public record Cursor(Instant createdAt, String eventId) {
        /** Before every event created at or after {@code since} (event ids are never empty). */
        public static Cursor before(Instant since) {
            return new Cursor(since, "");
        }
    }

    /**
     * Up to {@code limit} of the tenant's events created before {@code until} and after {@code after} in
     * (createdAt, eventId) order, oldest first: one range of {@code event_log_by_tenant_page}, whatever the
     * history holds.
     */
    public Mono<List<Entry>> page(String tenantId, Cursor after, Instant until, int limit) {
        return db.sql("SELECT event_id, tenant_id, number_id, event, payload, created_at FROM event_log "
                        + "WHERE tenant_id = :tenantId AND (created_at, event_id) > (:afterAt, :afterId) "
                        + "AND created_at < :until ORDER BY created_at, event_id LIMIT :limit")
                .bind("tenantId", tenantId)
                .bind("afterAt", after.createdAt())
                .bind("afterId", after.eventId())
                .bind("until", until)
                .bind("limit", limit)
                .map(row -> new Entry(row.get("event_id", String.class), row.get("tenant_id", String.class),
                        row.get("number_id", String.class),
                        EventName.fromWire(row.get("event", String.class)).orElseThrow(),
                        row.get("payload", String.class), row.get("created_at", Instant.class)))
                .all()
                .collectList();
    }

    /** How many of the tenant's events {@code since <= createdAt < until} holds, counting no further than {@code max}. */
    public Mono<Long> countUpTo(String tenantId, Instant since, Instant until, long max) {
        return db.sql("SELECT count(*) AS n FROM (SELECT 1 FROM event_log WHERE tenant_id = :tenantId "
                        + "AND created_at >= :since AND created_at < :until LIMIT :max) AS window_events")
                .bind("tenantId", tenantId)
                .bind("since", since)
                .bind("until", until)
                .bind("max", max)
                .map(row -> row.get("n", Long.class))
                .one();
    }
}
