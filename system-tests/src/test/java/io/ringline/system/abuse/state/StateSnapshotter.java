package io.ringline.system.abuse.state;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads every table of every non-system schema of the platform's PostgreSQL database (found in the
 * catalogue, so a table added tomorrow is covered): row count and an order-independent checksum of the
 * rows' text. Runs as the services' own database role, read only.
 */
public final class StateSnapshotter {

    private final String jdbcUrl;
    private final String user;
    private final String password;

    public StateSnapshotter(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    public Snapshot take() {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
            c.setReadOnly(true);
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                // One consistent view of all tables.
                s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            }
            Map<String, TableState> tables = new TreeMap<>();
            Map<String, Set<String>> digests = new TreeMap<>();
            for (String table : tables(c)) {
                tables.put(table, state(c, table));
                digests.put(table, rowDigests(c, table));
            }
            c.commit();
            return new Snapshot(tables, digests);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the platform's database state: " + e.getMessage(), e);
        }
    }

    /** Added rows of an allowed table that break its condition (their digests). */
    public List<String> addedRowsBreaking(String table, Set<String> before, String condition) {
        String sql = "SELECT md5(t::text) FROM " + quoted(table) + " t WHERE NOT (" + condition + ")";
        List<String> breaking = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                if (!before.contains(rs.getString(1))) {
                    breaking.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot check " + table + ": " + e.getMessage(), e);
        }
        return breaking;
    }

    /** The text of the rows whose digest is among {@code digests} (at most {@code limit}), to show what changed. */
    public List<String> rowsWithDigests(String table, Set<String> digests, int limit) {
        List<String> rows = new ArrayList<>();
        if (digests.isEmpty()) {
            return rows;
        }
        String sql = "SELECT t::text, md5(t::text) FROM " + quoted(table) + " t";
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next() && rows.size() < limit) {
                if (digests.contains(rs.getString(2))) {
                    rows.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + table + ": " + e.getMessage(), e);
        }
        return rows;
    }

    private static List<String> tables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT table_schema || '.' || table_name FROM information_schema.tables
                WHERE table_type = 'BASE TABLE'
                  AND table_schema NOT IN ('pg_catalog', 'information_schema') AND table_schema NOT LIKE 'pg\\_%'
                ORDER BY 1""")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    private static TableState state(Connection c, String table) throws SQLException {
        String sql = "SELECT count(*), coalesce(md5(string_agg(d, ',' ORDER BY d)), '-') FROM (SELECT md5(t::text) AS d FROM "
                + quoted(table) + " t) rows";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return new TableState(table, rs.getLong(1), rs.getString(2));
        }
    }

    private static Set<String> rowDigests(Connection c, String table) throws SQLException {
        Set<String> digests = new HashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT md5(t::text) FROM " + quoted(table) + " t")) {
            while (rs.next()) {
                digests.add(rs.getString(1));
            }
        }
        return digests;
    }

    static String quoted(String table) {
        String[] parts = table.split("\\.", 2);
        return "\"" + parts[0] + "\".\"" + parts[1] + "\"";
    }
}
