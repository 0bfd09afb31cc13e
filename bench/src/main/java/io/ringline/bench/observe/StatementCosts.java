package io.ringline.bench.observe;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each SQL statement of the platform costs per operation, from PostgreSQL's {@code pg_stat_statements} (loaded
 * by the embedded database, {@code EmbeddedInfra}): the difference of its counters over a scenario, divided by the
 * operations. Where {@link DbStats} says how many rows a call writes and reads, this says which statement spends the
 * database's time — planning included, which a statement planned afresh on every execution pays each time.
 *
 * <p>Times are the server's wall-clock times per statement (lock waits and I/O included), not CPU; on this machine's
 * in-memory database they are close to it. A database without the extension gives no statements, not an error.
 */
public final class StatementCosts {

    /** The statements of the platform's database, by query id, excluding the benchmark's own statistics queries. */
    private static final String QUERY = """
            SELECT queryid, query, calls, plans, total_exec_time, total_plan_time, rows
            FROM public.pg_stat_statements
            WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND query NOT LIKE '%pg_stat%'""";

    /** How many statements ran, over the same statements as {@link #QUERY}. */
    static final String TOTAL_QUERY = """
            SELECT coalesce(sum(calls), 0) FROM public.pg_stat_statements
            WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND query NOT LIKE '%pg_stat%'""";

    /** How much of a statement's text a report keeps: enough to find it in the code. */
    static final int TEXT_CHARS = 600;

    /** How many statements a scenario reports. */
    public static final int REPORTED = 12;

    /** Cumulative counters of one statement. */
    public record Counters(String query, long calls, long plans, double execMs, double planMs, long rows) {
    }

    /**
     * One statement's cost per operation over a scenario.
     *
     * @param query        its normalised text (constants as {@code $n}), whitespace collapsed, cut at
     *                     {@value #TEXT_CHARS} characters
     * @param msPerOp      execution + planning
     * @param plannedShare of its executions, how many were planned (1: on every one; near 0: a kept plan)
     * @param shareOfTime  of the time all statements spent in the same window
     */
    public record Cost(String query, double callsPerOp, double msPerOp, double planMsPerOp, double plannedShare,
            double rowsPerOp, double shareOfTime) {
    }

    private StatementCosts() {
    }

    /** Query id → counters; empty when the extension is not there. */
    static Map<Long, Counters> snapshot(String jdbcUrl, String user, String password) {
        Map<Long, Counters> statements = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(QUERY)) {
            while (r.next()) {
                statements.put(r.getLong("queryid"), new Counters(r.getString("query"), r.getLong("calls"), r.getLong("plans"),
                        r.getDouble("total_exec_time"), r.getDouble("total_plan_time"), r.getLong("rows")));
            }
        } catch (SQLException absent) {
            return Map.of();
        }
        return statements;
    }

    /**
     * The {@code limit} statements that spent the most time between two snapshots, per operation, most costly first.
     * A statement first seen in {@code after} counts whole (pg_stat_statements evicts rarely used entries; the
     * platform's few dozen statements stay).
     */
    public static List<Cost> top(Map<Long, Counters> before, Map<Long, Counters> after, long operations, int limit) {
        if (operations <= 0) {
            return List.of();
        }
        Map<Long, Counters> moved = new LinkedHashMap<>();
        after.forEach((id, now) -> {
            Counters then = before.get(id);
            Counters d = then == null ? now : new Counters(now.query(), now.calls() - then.calls(), now.plans() - then.plans(),
                    now.execMs() - then.execMs(), now.planMs() - then.planMs(), now.rows() - then.rows());
            if (d.calls() > 0) {
                moved.put(id, d);
            }
        });
        double total = moved.values().stream().mapToDouble(c -> c.execMs() + c.planMs()).sum();
        double ops = operations;
        return moved.values().stream()
                .sorted(Comparator.comparingDouble((Counters c) -> c.execMs() + c.planMs()).reversed())
                .limit(limit)
                .map(c -> new Cost(text(c.query()), round(c.calls() / ops), round((c.execMs() + c.planMs()) / ops),
                        round(c.planMs() / ops), round((double) c.plans() / c.calls()), round(c.rows() / ops),
                        total > 0 ? round((c.execMs() + c.planMs()) / total) : 0))
                .toList();
    }

    static String text(String query) {
        String collapsed = query.replaceAll("\\s+", " ").strip();
        return collapsed.length() <= TEXT_CHARS ? collapsed : collapsed.substring(0, TEXT_CHARS) + " …";
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
