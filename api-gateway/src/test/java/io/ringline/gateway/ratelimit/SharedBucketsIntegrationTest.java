package io.ringline.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringline.gateway.support.GatewayIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;

/** The lease statement against the real PostgreSQL: atomic under concurrency, refilling, capped, prunable. */
class SharedBucketsIntegrationTest extends GatewayIntegrationTest {

    @Autowired
    SharedBuckets buckets;

    @Autowired
    BucketPruner pruner;

    @Autowired
    DatabaseClient db;

    @Test
    void concurrentLeasesNeverGrantMoreThanTheBucketHeld() {
        String key = "test:" + UUID.randomUUID();
        BucketLimit limit = new BucketLimit(0.0001, 100); // refills 1 token in 3 hours: the burst is all there is

        List<SharedBuckets.Grant> grants = Flux.range(0, 60)
                .flatMap(i -> buckets.lease(key, limit, 7), 16)
                .collectList().block(Duration.ofSeconds(60));

        assertThat(grants.stream().mapToInt(SharedBuckets.Grant::granted).sum()).isEqualTo(100);
        assertThat(grants).allSatisfy(grant -> assertThat(grant.granted()).isBetween(0, 7));
        assertThat(grants.stream().filter(grant -> grant.granted() == 0).count())
                .as("once empty, leases get nothing").isGreaterThan(0);
    }

    @Test
    void anEmptiedBucketRefillsAtItsRateOnTheDatabasesClock() {
        String key = "test:" + UUID.randomUUID();
        BucketLimit limit = new BucketLimit(20, 5);
        assertThat(buckets.lease(key, limit, 5).block().granted()).isEqualTo(5);
        assertThat(buckets.lease(key, limit, 5).block().granted()).isLessThan(5);

        await().atMost(Duration.ofSeconds(10)).until(() -> buckets.lease(key, limit, 1).block().granted() == 1);
    }

    @Test
    void aLoweredCapacityCapsWhatTheBucketHolds() {
        String key = "test:" + UUID.randomUUID();
        assertThat(buckets.lease(key, new BucketLimit(0.0001, 1000), 10).block())
                .isEqualTo(new SharedBuckets.Grant(10, 990));

        SharedBuckets.Grant afterChange = buckets.lease(key, new BucketLimit(0.0001, 3), 3).block();

        assertThat(afterChange.granted()).isEqualTo(3);
        assertThat(afterChange.left()).isLessThan(1);
    }

    @Test
    void onlyBucketsThatWouldBeFullAgainArePruned() {
        String full = "test:" + UUID.randomUUID();
        String drained = "test:" + UUID.randomUUID();
        buckets.lease(full, new BucketLimit(1000, 5), 1).block();
        buckets.lease(drained, new BucketLimit(0.0001, 5), 5).block();
        db.sql("UPDATE rate_limit_buckets SET updated_at = updated_at - interval '2 hours' WHERE bucket_key IN (:a, :b)")
                .bind("a", full).bind("b", drained).fetch().rowsUpdated().block();

        pruner.prune().block();

        assertThat(exists(full)).isFalse();
        assertThat(exists(drained)).as("still short of tokens: deleting it would refill it").isTrue();
    }

    private boolean exists(String key) {
        return Boolean.TRUE.equals(db.sql("SELECT count(*) AS n FROM rate_limit_buckets WHERE bucket_key = :k")
                .bind("k", key).map(row -> row.get("n", Long.class) > 0).one().block());
    }
}
