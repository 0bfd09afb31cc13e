package io.ringline.bench.observe;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * PostgreSQL's own counters for the platform's database ({@code pg_stat_database}) and its tables
 * ({@code pg_stat_user_tables}): their difference over a run, divided by the operations, gives transactions, rows
 * written and rows read per operation — the fastest way to spot a query whose cost grows with a table.
 */
public final class DbStats {

    /** How long a backend may hold its counters before reporting them (PostgreSQL 15+: when idle, every 10 s). */
    public static final long FLUSH_WAIT_MILLIS = 11_000;

    private static final String[] DATABASE = {"xact_commit", "xact_rollback", "tup_returned", "tup_fetched",
        "tup_inserted", "tup_updated", "tup_deleted", "blks_read", "blks_hit"};
    /** {@code n_tup_hot_upd}: the updates made in place, without a new entry in any of the table's indexes. */
    private static final String[] TABLE = {"seq_scan", "seq_tup_read", "idx_scan", "idx_tup_fetch", "n_tup_ins",
        "n_tup_upd", "n_tup_hot_upd", "n_tup_del", "autovacuum_count", "autoanalyze_count"};
    /** Blocks read from outside PostgreSQL's buffers (the OS cache or the disk) per table, for its heap and indexes. */
    private static final String[] TABLE_IO = {"heap_blks_read", "idx_blks_read"};

    private final String jdbcUrl;
    private final String user;
    private final String password;

    public DbStats(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /** Counter name → value; tables as {@code <schema>.<table>.<counter>}. */
    public Map<String, Long> snapshot() {
        Map<String, Long> values = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password); Statement s = c.createStatement()) {
            s.execute("SELECT pg_stat_clear_snapshot()");
            try (ResultSet r = s.executeQuery("SELECT " + String.join(", ", DATABASE)
                    + " FROM pg_stat_database WHERE datname = current_database()")) {
                if (r.next()) {
                    for (String column : DATABASE) {
                        values.put("db." + column, r.getLong(column));
                    }
                }
            }
            try (ResultSet r = s.executeQuery("SELECT t.schemaname, t.relname, t." + String.join(", t.", TABLE)
                    + ", io." + String.join(", io.", TABLE_IO)
                    + " FROM pg_stat_user_tables t JOIN pg_statio_user_tables io USING (relid)")) {
                while (r.next()) {
                    String table = r.getString("schemaname") + "." + r.getString("relname");
                    for (String column : TABLE) {
                        values.put(table + "." + column, r.getLong(column));
                    }
                    for (String column : TABLE_IO) {
                        values.put(table + "." + column, r.getLong(column));
                    }
                }
            }
            statements(s).ifPresent(count -> values.put("db.statements", count));
        } catch (SQLException e) {
            values.put("error", -1L);
        }
        return values;
    }

    /**
     * Statements the platform ran so far, {@code BEGIN} and {@code COMMIT} aside (the embedded database tracks no
     * utility statements): per operation, its round trips to the database besides the transactions' own — the
     * count a step that saves round trips changes, whatever this machine's speed that day. Nothing without
     * {@code pg_stat_statements}.
     */
    private static Optional<Long> statements(Statement s) {
        try (ResultSet r = s.executeQuery(StatementCosts.TOTAL_QUERY)) {
            return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
        } catch (SQLException absent) {
            return Optional.empty();
        }
    }

    /** Every statement's cumulative counters ({@link StatementCosts}); updated as statements end, no flush wait. */
    public Map<Long, StatementCosts.Counters> statements() {
        return StatementCosts.snapshot(jdbcUrl, user, password);
    }

    /** The backend of a fresh connection; its parent is the PostgreSQL server process. */
    public long serverPid() {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT pg_backend_pid()")) {
            r.next();
            long backend = r.getLong(1);
            return ProcessHandle.of(backend).flatMap(ProcessHandle::parent).map(ProcessHandle::pid).orElse(-1L);
        } catch (SQLException e) {
            return -1;
        }
    }

    /** The autovacuum and autoanalyze runs among the counters of a {@link #delta}, per table. */
    public static Map<String, Long> maintenance(Map<String, Long> delta) {
        Map<String, Long> runs = new LinkedHashMap<>();
        delta.forEach((key, value) -> {
            if (key.endsWith(".autovacuum_count") || key.endsWith(".autoanalyze_count")) {
                runs.put(key, value);
            }
        });
        return runs;
    }

    /** {@code after - before} for every counter that moved. */
    public static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> delta = new LinkedHashMap<>();
        after.forEach((key, value) -> {
            long moved = value - before.getOrDefault(key, 0L);
            if (moved != 0) {
                delta.put(key, moved);
            }
        });
        return delta;
    }
}
