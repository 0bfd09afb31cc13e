package io.ringline.platform.crypto.reencrypt;

import io.ringline.platform.crypto.SecretBox;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Rewrites every envelope of a service's sealed columns under the active key of the ring, so an old key can
 * be dropped. Safe next to running services and idempotent:
 * <ul>
 *   <li>rows already under the active key are never selected, so a second run rewrites nothing;</li>
 *   <li>each batch is read in primary-key order (keyset, not offset: cost per batch does not grow) and written
 *       in one transaction, each row only if its envelope is still the one read (compare-and-set): a value a
 *       service wrote meanwhile is kept — it is sealed with the active key already;</li>
 *   <li>an envelope the ring cannot open is reported, never altered, and does not stop the walk.</li>
 * </ul>
 */
public final class Reencryption {

    private static final Logger log = LoggerFactory.getLogger(Reencryption.class);
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final SecretBox box;
    private final String schema;
    private final int batchSize;
    private final UnaryOperator<String> reseal;

    /** @param schema the service's schema, which qualifies every table */
    public Reencryption(DatabaseClient db, TransactionalOperator tx, SecretBox box, String schema, int batchSize) {
        this(db, tx, box, schema, batchSize, box::reencrypt);
    }

    /** @param reseal how one envelope is re-sealed (tests interleave a concurrent writer here) */
    Reencryption(DatabaseClient db, TransactionalOperator tx, SecretBox box, String schema, int batchSize,
            UnaryOperator<String> reseal) {
        if (schema == null || !IDENTIFIER.matcher(schema).matches()) {
            throw new IllegalArgumentException("not a plain schema name: " + schema);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive");
        }
        this.db = db;
        this.tx = tx;
        this.box = box;
        this.schema = schema;
        this.batchSize = batchSize;
        this.reseal = reseal;
    }

    /** One pass over each column, one column after the other. */
    public Mono<List<ColumnReport>> reencrypt(List<SealedColumn> columns) {
        return Flux.fromIterable(columns).concatMap(this::reencrypt).collectList();
    }

    public Mono<ColumnReport> reencrypt(SealedColumn column) {
        return batch(column, null)
                .expand(done -> done.rows() < batchSize ? Mono.empty() : batch(column, done.lastKey()))
                .reduce(ColumnReport.empty(schema, column),
                        (report, b) -> report.plus(b.rewritten(), b.changed(), b.unreadable()))
                .flatMap(report -> notUnderActiveKey(column).map(report::withRemaining))
                .doOnNext(report -> log.info("{}", report));
    }

    /** Envelopes of the column not sealed with the active key. */
    public Mono<Long> notUnderActiveKey(SealedColumn column) {
        return db.sql("SELECT count(*) AS n FROM " + table(column) + " WHERE " + stale(column))
                .bind("prefix", box.activePrefix())
                .map(row -> row.get("n", Long.class))
                .one();
    }

    private record Row(List<String> key, String envelope) {
    }

    private record Batch(int rows, List<String> lastKey, long rewritten, long changed, long unreadable) {
    }

    private record Rewrite(Row row, String envelope) {
    }

    private Mono<Batch> batch(SealedColumn column, List<String> after) {
        List<String> keys = column.keyColumns();
        String keyList = String.join(", ", keys);
        String sql = "SELECT " + keyList + ", " + column.column() + " AS envelope FROM " + table(column)
                + " WHERE " + stale(column)
                + (after == null ? "" : " AND (" + keyList + ") > (" + params("after", keys.size()) + ")")
                + " ORDER BY " + keyList + " LIMIT " + batchSize;
        GenericExecuteSpec select = db.sql(sql).bind("prefix", box.activePrefix());
        if (after != null) {
            for (int i = 0; i < after.size(); i++) {
                select = select.bind("after" + i, after.get(i));
            }
        }
        return select.map(row -> new Row(keys.stream().map(k -> row.get(k, String.class)).toList(),
                        row.get("envelope", String.class)))
                .all()
                .collectList()
                .flatMap(rows -> rows.isEmpty()
                        ? Mono.just(new Batch(0, after, 0, 0, 0))
                        : write(column, rows));
    }

    private Mono<Batch> write(SealedColumn column, List<Row> rows) {
        List<Rewrite> rewrites = new ArrayList<>(rows.size());
        long unreadable = 0;
        for (Row row : rows) {
            try {
                rewrites.add(new Rewrite(row, reseal.apply(row.envelope())));
            } catch (IllegalArgumentException e) {
                unreadable++;
                log.warn("{}.{} row {} left as it is: {}", schema, column.name(), row.key(), e.getMessage());
            }
        }
        long unread = unreadable;
        List<String> lastKey = rows.getLast().key();
        return Flux.fromIterable(rewrites)
                .concatMap(rewrite -> update(column, rewrite))
                .collectList()
                .as(tx::transactional)
                .map(updated -> {
                    long rewritten = updated.stream().filter(n -> n == 1).count();
                    return new Batch(rows.size(), lastKey, rewritten, updated.size() - rewritten, unread);
                });
    }

    private Mono<Long> update(SealedColumn column, Rewrite rewrite) {
        List<String> keys = column.keyColumns();
        String where = IntStream.range(0, keys.size()).mapToObj(i -> keys.get(i) + " = :key" + i)
                .collect(Collectors.joining(" AND "));
        String bump = column.versionColumn() == null ? ""
                : ", " + column.versionColumn() + " = " + column.versionColumn() + " + 1";
        GenericExecuteSpec update = db.sql("UPDATE " + table(column) + " SET " + column.column() + " = :sealed" + bump
                        + " WHERE " + where + " AND " + column.column() + " = :read")
                .bind("sealed", rewrite.envelope())
                .bind("read", rewrite.row().envelope());
        for (int i = 0; i < keys.size(); i++) {
            update = update.bind("key" + i, rewrite.row().key().get(i));
        }
        return update.fetch().rowsUpdated();
    }

    private String table(SealedColumn column) {
        return schema + "." + column.table();
    }

    private static String stale(SealedColumn column) {
        return column.column() + " IS NOT NULL AND NOT starts_with(" + column.column() + ", :prefix)";
    }

    private static String params(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> ":" + prefix + i).collect(Collectors.joining(", "));
    }
}
