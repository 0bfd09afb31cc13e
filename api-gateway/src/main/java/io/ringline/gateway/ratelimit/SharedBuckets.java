package io.ringline.gateway.ratelimit;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * The token buckets all gateway instances share ({@code gateway.rate_limit_buckets}). A lease is one atomic
 * statement on one row: refill the bucket for the time since its last lease (the database's clock), grant up
 * to the tokens asked for, keep the rest. Concurrent leases on one row queue on its row lock and each sees
 * the previous one's result, so the tokens granted never exceed what the bucket held.
 */
@Repository
class SharedBuckets {

    /** What one lease got: {@code granted} tokens, and the tokens the shared bucket kept after it. */
    record Grant(int granted, double left) {
    }

    /** The bucket's level now, refilled since the last lease and capped at the (possibly new) capacity. */
    private static final String REFILLED = "LEAST(EXCLUDED.capacity, b.tokens + GREATEST(0, EXTRACT(EPOCH FROM "
            + "EXCLUDED.updated_at - b.updated_at)) * EXCLUDED.refill_per_second)";

    // A missing row is a full bucket: the INSERT grants what was asked (never more than the capacity).
    private static final String LEASE = "INSERT INTO rate_limit_buckets AS b "
            + "(bucket_key, tokens, capacity, refill_per_second, granted, updated_at) "
            + "VALUES (:key, :capacity - :want, :capacity, :rate, :want, now()) "
            + "ON CONFLICT (bucket_key) DO UPDATE SET "
            + "granted = LEAST(EXCLUDED.granted, FLOOR(" + REFILLED + "))::int, "
            + "tokens = " + REFILLED + " - LEAST(EXCLUDED.granted, FLOOR(" + REFILLED + ")), "
            + "capacity = EXCLUDED.capacity, refill_per_second = EXCLUDED.refill_per_second, "
            + "updated_at = GREATEST(b.updated_at, EXCLUDED.updated_at) "
            + "RETURNING granted, tokens";

    // A row that would be full by now is the same as no row; old ones go, a batch at a time.
    private static final String PRUNE = "DELETE FROM rate_limit_buckets WHERE ctid IN (SELECT ctid FROM "
            + "rate_limit_buckets WHERE updated_at < now() - make_interval(secs => :idleSeconds) "
            + "AND tokens + EXTRACT(EPOCH FROM now() - updated_at) * refill_per_second >= capacity LIMIT :batch)";

    private final DatabaseClient db;

    SharedBuckets(DatabaseClient db) {
        this.db = db;
    }

    /** @param want tokens asked for, 1 ≤ want ≤ {@code limit.burst()} */
    Mono<Grant> lease(String bucketKey, BucketLimit limit, int want) {
        return db.sql(LEASE)
                .bind("key", bucketKey)
                .bind("capacity", (double) limit.burst())
                .bind("rate", limit.perSecond())
                .bind("want", want)
                .map(row -> new Grant(row.get("granted", Integer.class), row.get("tokens", Double.class)))
                .one();
    }

    /** Deletes up to {@code batch} rows untouched for {@code idleSeconds} that would be full again. */
    Mono<Long> pruneFull(long idleSeconds, int batch) {
        return db.sql(PRUNE)
                .bind("idleSeconds", (double) idleSeconds)
                .bind("batch", batch)
                .fetch().rowsUpdated();
    }
}
