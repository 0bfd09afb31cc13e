package io.ringline.system;

import io.ringline.infra.EmbeddedInfra;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every row of every table of every schema of the platform's database, read as text — each row cast to text,
 * and each {@code bytea} value also decoded, since a cast shows bytes only as hex — to search for secrets.
 */
final class DatabaseDump {

    /** One table's rows as text. */
    record Table(String schema, String name, List<String> rows) {
        String qualified() {
            return schema + "." + name;
        }
    }

    private DatabaseDump() {
    }

    static Connection connect(EmbeddedInfra infra) throws SQLException {
        return DriverManager.getConnection(infra.jdbcUrl(), EmbeddedInfra.DB_USER, EmbeddedInfra.DB_PASSWORD);
    }

    /** The schemas of the database other than PostgreSQL's own. */
    static List<String> schemas(Connection db) throws SQLException {
        return strings(db, "SELECT schema_name FROM information_schema.schemata WHERE schema_name NOT IN "
                + "('pg_catalog', 'information_schema') AND schema_name NOT LIKE 'pg\\_%' ORDER BY 1");
    }

    static List<Table> all(EmbeddedInfra infra) throws SQLException {
        try (Connection db = connect(infra)) {
            List<Table> tables = new ArrayList<>();
            for (String schema : schemas(db)) {
                for (String table : strings(db, "SELECT table_name FROM information_schema.tables WHERE table_schema = '"
                        + schema + "' AND table_type = 'BASE TABLE' ORDER BY 1")) {
                    tables.add(new Table(schema, table, rows(db, schema, table)));
                }
            }
            return tables;
        }
    }

    /** {@code schema.table holds <label>} for every table whose rows contain one of the secrets. */
    static List<String> holding(List<Table> tables, Map<String, String> secrets) {
        List<String> found = new ArrayList<>();
        for (Table table : tables) {
            for (var secret : secrets.entrySet()) {
                if (table.rows().stream().anyMatch(row -> containsSecret(row, secret.getValue()))) {
                    found.add(table.qualified() + " holds " + secret.getKey());
                }
            }
        }
        return found;
    }

    /** The secret itself, or its material without a type prefix such as {@code whsec_} or {@code rl_}. */
    static boolean containsSecret(String text, String secret) {
        if (text.contains(secret)) {
            return true;
        }
        int underscore = secret.indexOf('_');
        String material = underscore > 0 ? secret.substring(underscore + 1) : secret;
        return material.length() >= 16 && text.contains(material);
    }

    /**
     * {@code schema.table.column} of every text column holding at least one value that looks like a SecretBox
     * envelope ({@code v1.…} or {@code v2.<keyId>.…}).
     */
    static Set<String> envelopeColumns(EmbeddedInfra infra) throws SQLException {
        Set<String> found = new LinkedHashSet<>();
        try (Connection db = connect(infra)) {
            for (String schema : schemas(db)) {
                List<String> columns = strings(db, "SELECT table_name || '.' || column_name FROM information_schema.columns "
                        + "c JOIN information_schema.tables t USING (table_schema, table_name) WHERE c.table_schema = '"
                        + schema + "' AND t.table_type = 'BASE TABLE' AND c.data_type IN ('text', 'character varying') "
                        + "ORDER BY 1");
                for (String column : columns) {
                    String[] tc = column.split("\\.");
                    List<String> hit = strings(db, "SELECT 1 FROM " + schema + "." + tc[0] + " WHERE " + tc[1]
                            + " ~ '^v(1\\.|2\\.[A-Za-z0-9_-]+\\.)[A-Za-z0-9+/=]{16,}$' LIMIT 1");
                    if (!hit.isEmpty()) {
                        found.add(schema + "." + column);
                    }
                }
            }
        }
        return found;
    }

    /** Every non-null value of one column. */
    static List<String> values(EmbeddedInfra infra, String schema, String table, String column) throws SQLException {
        try (Connection db = connect(infra)) {
            return strings(db, "SELECT " + column + " FROM " + schema + "." + table + " WHERE " + column + " IS NOT NULL");
        }
    }

    private static List<String> rows(Connection db, String schema, String table) throws SQLException {
        List<String> bytea = strings(db, "SELECT column_name FROM information_schema.columns WHERE table_schema = '"
                + schema + "' AND table_name = '" + table + "' AND data_type = 'bytea'");
        StringBuilder select = new StringBuilder("SELECT t::text");
        bytea.forEach(c -> select.append(", t.").append(c));
        select.append(" FROM ").append(schema).append('.').append(table).append(" t");
        List<String> rows = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(select.toString())) {
            while (rs.next()) {
                StringBuilder row = new StringBuilder(rs.getString(1));
                for (int i = 0; i < bytea.size(); i++) {
                    byte[] bytes = rs.getBytes(2 + i);
                    if (bytes != null) {
                        // ISO-8859-1 keeps every byte, so any ASCII secret inside shows as itself.
                        row.append(" | ").append(new String(bytes, StandardCharsets.ISO_8859_1));
                    }
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    private static List<String> strings(Connection db, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    /** Row counts per table, to show a dump was not empty. */
    static Map<String, Integer> counts(List<Table> tables) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        tables.forEach(t -> counts.put(t.qualified(), t.rows().size()));
        return counts;
    }
}
