package io.ringline.fanout.replay;

import io.ringline.fanout.subscription.EventName;
import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every call event's rendered payload, kept for the replay retention ({@code fanout.event_log}). Stored once
 * per event (not per subscription), so a replay can also reach subscriptions created after the event or
 * whose filter excluded it then; the payload is the same bytes the original deliveries carried.
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

    /** The tenant's events with {@code since <= createdAt < until}, oldest first. */
    public Flux<Entry> between(String tenantId, Instant since, Instant until) {
        return db.sql("SELECT event_id, tenant_id, number_id, event, payload, created_at FROM event_log "
                        + "WHERE tenant_id = :tenantId AND created_at >= :since AND created_at < :until "
                        + "ORDER BY created_at, event_id")
                .bind("tenantId", tenantId)
                .bind("since", since)
                .bind("until", until)
                .map(row -> new Entry(row.get("event_id", String.class), row.get("tenant_id", String.class),
                        row.get("number_id", String.class),
                        EventName.fromWire(row.get("event", String.class)).orElseThrow(),
                        row.get("payload", String.class), row.get("created_at", Instant.class)))
                .all();
    }

    /** Forgets events older than {@code cutoff}; emits how many. */
    public Mono<Long> prune(Instant cutoff) {
        return db.sql("DELETE FROM event_log WHERE created_at < :cutoff")
                .bind("cutoff", cutoff)
                .fetch().rowsUpdated();
    }
}
