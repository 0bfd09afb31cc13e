package io.ringline.bench.seed;

import io.ringline.bench.platform.Target;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seeding step of issue 8's "cost does not grow with history" ({@code ./bench.sh --history}): before the
 * scenarios run, it writes a history of ended calls and finished webhook deliveries straight into the platform's
 * PostgreSQL — the rows a real history leaves, in every table that grows with use, on the very numbers, tenants and
 * subscriptions the scenarios then drive (a history elsewhere would leave their indexes small and prove nothing):
 * <ul>
 *   <li>signaling: {@code calls} (ended, one per seeded call) and {@code processed_messages} (one command and three
 *       signals per call, as a real call leaves);</li>
 *   <li>fan-out: {@code event_log} (one event per delivery), {@code delivery} (delivered, completed),
 *       {@code delivery_attempts} (one successful attempt each) and {@code processed_messages};</li>
 *   <li>media bridge: {@code processed_messages} (two call events per call).</li>
 * </ul>
 * Timestamps are spread over the last {@link #SPAN_HOURS} hours, inside every retention period (processed messages
 * are kept 7 days, deliveries 30, calls 90), so no pruning job deletes the history while the scenarios run. Written
 * with {@code INSERT … SELECT generate_series} (set-based, minutes for millions of rows), then {@code VACUUM (ANALYZE)}d
 * so the planner sees the tables as they are and autovacuum has no debt to pay during the run. Going through the API instead would take days at the rates measured here.
 */
public final class HistorySeeder {

    private static final Logger log = LoggerFactory.getLogger(HistorySeeder.class);

    static final int SPAN_HOURS = 144;

    /** How much history to write: calls and webhook deliveries. */
    public record History(long calls, long deliveries) {

        /** Issue 8 item 4: at least 1 million calls and 3 million deliveries. */
        public static final History ISSUE_8 = new History(1_000_000, 3_000_000);

        public History {
            if (calls < 0 || deliveries < 0) {
                throw new IllegalArgumentException("a history cannot be negative");
            }
        }

        /** {@code <calls>,<deliveries>}, e.g. {@code 1000000,3000000}. */
        public static History parse(String spec) {
            String[] parts = spec.split(",");
            if (parts.length != 2) {
                throw new IllegalArgumentException("--history=<calls>,<deliveries>, got '" + spec + "'");
            }
            return new History(Long.parseLong(parts[0].strip()), Long.parseLong(parts[1].strip()));
        }
    }

    private HistorySeeder() {
    }

    /**
     * Writes {@code history} for the given numbers (calls) and their tenants' webhook subscriptions (deliveries).
     *
     * @return rows per table as PostgreSQL counts them afterwards, and how long seeding took
     */
    public static Map<String, Object> seed(Target.Database database, History history, List<GoNumber> numbers) {
        long t0 = System.nanoTime();
        String[] numberIds = numbers.stream().map(GoNumber::numberId).toArray(String[]::new);
        String[] numberTenants = numbers.stream().map(GoNumber::tenantId).toArray(String[]::new);
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password())) {
            c.setAutoCommit(true);
            log.info("seeding a history of {} calls and {} deliveries on {} numbers", history.calls(),
                    history.deliveries(), numbers.size());
            List<String[]> subscriptions = subscriptionsOf(c, numberTenants);
            run(c, CALLS, numberIds, numberTenants, history.calls());
            run(c, SIGNALING_PROCESSED, numberIds, numberTenants, history.calls());
            run(c, MEDIA_PROCESSED, numberIds, numberTenants, history.calls());
            for (String sql : List.of(EVENTS, DELIVERIES, ATTEMPTS, FANOUT_PROCESSED)) {
                run(c, sql, subscriptions.get(0), subscriptions.get(1), history.deliveries());
            }
            Map<String, Object> result = new LinkedHashMap<>();
            try (Statement s = c.createStatement()) {
                for (String table : TABLES) {
                    // A history written over days has long been vacuumed by autovacuum; one written in minutes
                    // has not, and autovacuum would then read every seeded table during the measured steps.
                    s.execute("VACUUM (ANALYZE) " + table);
                }
                for (String table : TABLES) {
                    try (var rows = s.executeQuery("SELECT count(*) FROM " + table)) {
                        rows.next();
                        result.put(table, rows.getLong(1));
                    }
                }
            }
            result.put("seconds", Math.round((System.nanoTime() - t0) / 1e8) / 10.0);
            log.info("history seeded: {}", result);
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("seeding the history failed: " + e.getMessage(), e);
        }
    }

    /** The active subscriptions of these tenants: their ids and, aligned, their tenants. */
    private static List<String[]> subscriptionsOf(Connection c, String[] tenants) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id, tenant_id FROM fanout.subscription WHERE tenant_id = ANY(?) AND active ORDER BY id")) {
            s.setArray(1, c.createArrayOf("text", tenants));
            List<String> ids = new java.util.ArrayList<>();
            List<String> owners = new java.util.ArrayList<>();
            try (var rows = s.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                    owners.add(rows.getString(2));
                }
            }
            if (ids.isEmpty()) {
                throw new IllegalStateException("the seeded tenants have no webhook subscription to give a history");
            }
            return List.of(ids.toArray(String[]::new), owners.toArray(String[]::new));
        }
    }

    private static void run(Connection c, String sql, String[] ids, String[] owners, long count) throws SQLException {
        if (count == 0) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("text", ids));
            s.setArray(2, c.createArrayOf("text", owners));
            s.setLong(3, count);
            s.setInt(4, SPAN_HOURS);
            s.executeUpdate();
        }
    }

    private static final List<String> TABLES = List.of("signaling.calls", "signaling.processed_messages",
            "media.processed_messages", "fanout.event_log", "fanout.delivery", "fanout.delivery_attempts",
            "fanout.processed_messages");

    /*
     * Every statement takes (1) ids and (2) their owners (tenants), aligned, (3) how many rows, (4) the span in hours.
     * Row g belongs to id i = g mod n and happened at t = now() - span * (1 - g / count): oldest first, evenly spread.
     */
    private static final String ROWS = """
            WITH p AS (SELECT ?::text[] AS ids, ?::text[] AS owners, ?::bigint AS total, ?::int AS span)
            %s
            SELECT %s
            FROM p, generate_series(1, p.total) AS g,
                 LATERAL (SELECT 1 + (g %% cardinality(p.ids))::int AS i,
                                 now() - (p.span * interval '1 hour') * (1 - g::float8 / p.total) AS t) x
            %s""";

    /** A webhook body of the size the platform renders for a call event. */
    private static final String PAYLOAD = "'{\"type\":\"call.ended\",\"history\":true,\"pad\":\"' || "
            + "repeat('x', 480) || '\"}'";

    private static final String CALLS = ROWS.formatted("""
            INSERT INTO signaling.calls (id, number_id, tenant_id, provider, direction, status, end_reason,
                external_call_id, peer_number, duration_seconds, started_at, connected_at, ended_at, created_at,
                updated_at, event_sequence, version)""", """
            'call_hist' || lpad(g::text, 12, '0'), p.ids[x.i], p.owners[x.i], 'EVO_GO', 'OUTBOUND', 'COMPLETED',
            'HANGUP', 'HIST' || g, '+55' || (11900000000 + g % 100000000)::text, 5, x.t, x.t + interval '1 second',
            x.t + interval '6 seconds', x.t, x.t + interval '6 seconds', 3, 3""", "");

    /**
     * One command and three provider signals per call. A signal's id is made as the gateway makes it
     * ({@code SignalIds.of}): the provider's time of the event as 13-digit epoch milliseconds (here
     * the row's own time), then a SHA-256 in hex — so the history's ids sort before the run's, as days of real
     * signals would, and the run writes at the index's newest end as production does.
     */
    private static final String SIGNALING_PROCESSED = ROWS.formatted("""
            INSERT INTO signaling.processed_messages (consumer, message_id, processed_at)""", """
            CASE k WHEN 0 THEN 'signaling.commands' ELSE 'signaling.signals' END,
            CASE k WHEN 0 THEN 'hist_' || g || '_' || k
                ELSE lpad(floor(extract(epoch FROM x.t) * 1000)::bigint::text, 13, '0') || '_'
                    || encode(sha256(('hist_' || g || '_' || k)::bytea), 'hex') END, x.t""",
            ", generate_series(0, 3) AS k");

    /** Two call events per call (connected, ended) that the bridge's live-call tracker consumed. */
    private static final String MEDIA_PROCESSED = ROWS.formatted("""
            INSERT INTO media.processed_messages (consumer, message_id, processed_at)""", """
            'media.call-events', 'evt_hist_' || g || '_' || k, x.t""", ", generate_series(1, 2) AS k");

    private static final String EVENTS = ROWS.formatted("""
            INSERT INTO fanout.event_log (event_id, tenant_id, number_id, event, payload, created_at)""", """
            'evt_hist' || lpad(g::text, 12, '0'), p.owners[x.i], 'num_history', 'call.ended', %s, x.t"""
            .formatted(PAYLOAD), "");

    private static final String DELIVERIES = ROWS.formatted("""
            INSERT INTO fanout.delivery (id, subscription_id, tenant_id, event_id, event, payload, status, attempts,
                next_attempt_at, last_status_code, created_at, updated_at, completed_at)""", """
            'dlv_hist' || lpad(g::text, 12, '0'), p.ids[x.i], p.owners[x.i], 'evt_hist' || lpad(g::text, 12, '0'),
            'call.ended', %s, 'DELIVERED', 1, x.t, 200, x.t, x.t, x.t""".formatted(PAYLOAD), "");

    private static final String ATTEMPTS = ROWS.formatted("""
            INSERT INTO fanout.delivery_attempts (delivery_id, attempt, attempted_at, status, status_code, duration_ms,
                subscription_id)""", """
            'dlv_hist' || lpad(g::text, 12, '0'), 1, x.t, 'SUCCESS', 200, 12, p.ids[x.i]""", "");

    private static final String FANOUT_PROCESSED = ROWS.formatted("""
            INSERT INTO fanout.processed_messages (consumer, message_id, processed_at)""", """
            'fanout.call-events', 'evt_hist' || lpad(g::text, 12, '0'), x.t""", "");
}
