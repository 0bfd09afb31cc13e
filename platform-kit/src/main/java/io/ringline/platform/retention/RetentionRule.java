package io.ringline.platform.retention;

import java.time.Duration;
import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * What one table keeps and for how long. A service declares its rules as beans; the {@link RetentionJob} runs
 * them, one bounded batch per transaction.
 */
public interface RetentionRule {

    /** The {@code table} tag of {@code ringline_retention_pruned_total}, e.g. {@code delivery} or {@code calls.sdp}. */
    String table();

    /** Rows whose age passed this are pruned. */
    Duration period();

    /**
     * Deletes (or scrubs) at most {@code limit} rows that expired before {@code cutoff}, in the caller's
     * transaction; emits how many.
     */
    Mono<Long> pruneBatch(Instant cutoff, int limit);

    /**
     * A rule as one SQL statement binding {@code :cutoff} (an instant) and {@code :limit}; the statement must
     * touch at most {@code :limit} rows (select them with {@code ORDER BY … LIMIT :limit FOR UPDATE SKIP LOCKED},
     * so instances pruning at once neither wait for nor repeat each other) and report them as its update count.
     */
    static RetentionRule sql(DatabaseClient db, String table, Duration period, String sql) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("retention of " + table + " must be positive, was " + period);
        }
        return new RetentionRule() {
            @Override
            public String table() {
                return table;
            }

            @Override
            public Duration period() {
                return period;
            }

            @Override
            public Mono<Long> pruneBatch(Instant cutoff, int limit) {
                return db.sql(sql).bind("cutoff", cutoff).bind("limit", limit).fetch().rowsUpdated();
            }

            @Override
            public String toString() {
                return "RetentionRule[" + table + ", " + period + "]";
            }
        };
    }
}
