package io.ringline.fanout.event.persistence;

import io.ringline.fanout.replay.EventLog;
import io.ringline.fanout.subscription.Subscription;
import io.ringline.fanout.subscription.persistence.SubscriptionRepository;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * What a poll of call events does to the database before its deliveries, as <em>one</em> statement: records the
 * events' ids as processed (the idempotent consumer's bookkeeping), keeps the new ones in the event log, and reads the
 * switched-on subscriptions of the new ones' tenants. It was three statements; what an event costs the fan-out and
 * PostgreSQL follows the statements it runs (docs/performance.md, "Hot path step: one statement for a poll's
 * bookkeeping"). Runs inside the poll's transaction, which then inserts the deliveries.
 */
@Repository
public class EventIntake {

    /**
     * @param fresh         the ids recorded for the first time (an id listed twice is in it once, if it was new)
     * @param subscriptions the switched-on subscriptions of the fresh events' tenants, by tenant then id
     */
    public record Taken(Set<String> fresh, List<Subscription> subscriptions) {
    }

    /*
     * Keys in order, as the separate statements took them: two instances handed overlapping polls (a rebalance) wait
     * for each other on the first shared id instead of deadlocking. The processed ids come first (the event log's
     * insert reads their RETURNING, so it runs after them); the subscriptions are read, not locked. An event listed
     * twice is logged once, as its first listing.
     */
    static final String TAKE = """
            WITH input AS MATERIALIZED (
                SELECT * FROM unnest(CAST(:eventIds AS text[]), CAST(:tenantIds AS text[]), CAST(:numberIds AS text[]),
                                     CAST(:events AS text[]), CAST(:payloads AS text[]), CAST(:createdAts AS text[]))
                              WITH ORDINALITY AS e(event_id, tenant_id, number_id, event, payload, created_at, position)),
            fresh AS (
                INSERT INTO processed_messages (consumer, message_id)
                SELECT :consumer, i.event_id FROM input i ORDER BY i.event_id
                ON CONFLICT DO NOTHING
                RETURNING message_id),
            logged AS (
                INSERT INTO event_log (event_id, tenant_id, number_id, event, payload, created_at)
                SELECT DISTINCT ON (i.event_id) i.event_id, i.tenant_id, i.number_id, i.event, i.payload,
                       CAST(i.created_at AS timestamptz)
                FROM input i JOIN fresh f ON f.message_id = i.event_id
                ORDER BY i.event_id, i.position
                ON CONFLICT (event_id) DO NOTHING)
            SELECT f.ids AS fresh_ids, s.*
            FROM (SELECT array_agg(message_id) AS ids FROM fresh) f
            LEFT JOIN LATERAL (
                SELECT %s FROM subscription
                WHERE tenant_id IN (SELECT i.tenant_id FROM input i WHERE i.event_id = ANY(f.ids)) AND active
                ORDER BY tenant_id, id) s ON true""".formatted(SubscriptionRepository.COLUMNS);

    private final DatabaseClient db;

    public EventIntake(DatabaseClient db) {
        this.db = db;
    }

    /** @param events every event of the poll, in offset order, the processed ones too */
    public Mono<Taken> take(String consumer, List<EventLog.Entry> events) {
        if (events.isEmpty()) {
            return Mono.just(new Taken(Set.of(), List.of()));
        }
        int n = events.size();
        String[] eventIds = new String[n];
        String[] tenantIds = new String[n];
        String[] numberIds = new String[n];
        String[] names = new String[n];
        String[] payloads = new String[n];
        String[] createdAts = new String[n]; // ISO-8601 text: the driver has no timestamptz[] codec
        for (int i = 0; i < n; i++) {
            EventLog.Entry e = events.get(i);
            eventIds[i] = e.eventId();
            tenantIds[i] = e.tenantId();
            numberIds[i] = e.numberId();
            names[i] = e.event().wire();
            payloads[i] = e.payload();
            createdAts[i] = e.createdAt().toString();
        }
        return db.sql(TAKE)
                .bind("consumer", consumer)
                .bind("eventIds", eventIds)
                .bind("tenantIds", tenantIds)
                .bind("numberIds", numberIds)
                .bind("events", names)
                .bind("payloads", payloads)
                .bind("createdAts", createdAts)
                .map(row -> new Row(row.get("fresh_ids", String[].class),
                        row.get("id", String.class) == null ? null : SubscriptionRepository.read(row)))
                .all()
                .collectList()
                .map(EventIntake::taken);
    }

    /** One result row: the fresh ids (the same on every row) and one subscription, or none on a row of its own. */
    private record Row(String[] fresh, Subscription subscription) {
    }

    private static Taken taken(List<Row> rows) {
        String[] fresh = rows.isEmpty() || rows.getFirst().fresh() == null ? new String[0] : rows.getFirst().fresh();
        List<Subscription> subscriptions = new ArrayList<>(rows.size());
        for (Row row : rows) {
            if (row.subscription() != null) {
                subscriptions.add(row.subscription());
            }
        }
        return new Taken(Set.copyOf(Arrays.asList(fresh)), List.copyOf(subscriptions));
    }
}
