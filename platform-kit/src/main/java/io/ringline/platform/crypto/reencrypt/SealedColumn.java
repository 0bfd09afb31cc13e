package io.ringline.platform.crypto.reencrypt;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A column of a service's own schema that holds {@code SecretBox} envelopes, as the re-encryption command
 * walks it: in primary-key order, one batch at a time. Each service lists all of its sealed columns
 * ({@code <Service>Application.SEALED_COLUMNS}); a system test checks that no envelope lives anywhere else.
 *
 * @param table         table name in the service's schema
 * @param column        the sealed (TEXT) column; NULLs are skipped
 * @param keyColumns    the primary key's TEXT columns, which address a row and order the walk
 * @param versionColumn an optimistic-lock column to bump with each rewrite, so a writer that read the row
 *                      before cannot write the old envelope back; null when writers never rewrite the
 *                      sealed value from an earlier read
 */
public record SealedColumn(String table, String column, List<String> keyColumns, String versionColumn) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public SealedColumn {
        keyColumns = List.copyOf(keyColumns);
        // They are written into SQL: only plain lower-case identifiers.
        check(table);
        check(column);
        if (keyColumns.isEmpty()) {
            throw new IllegalArgumentException("a sealed column needs the key columns of its table");
        }
        keyColumns.forEach(SealedColumn::check);
        if (versionColumn != null) {
            check(versionColumn);
        }
    }

    public static SealedColumn of(String table, String column, String... keyColumns) {
        return new SealedColumn(table, column, List.of(keyColumns), null);
    }

    public SealedColumn bumpingVersion(String versionColumn) {
        return new SealedColumn(table, column, keyColumns, versionColumn);
    }

    /** {@code table.column}, as reports name it. */
    public String name() {
        return table + "." + column;
    }

    private static void check(String identifier) {
        if (identifier == null || !IDENTIFIER.matcher(identifier).matches()) {
            throw new IllegalArgumentException("not a plain SQL identifier: " + identifier);
        }
    }
}
