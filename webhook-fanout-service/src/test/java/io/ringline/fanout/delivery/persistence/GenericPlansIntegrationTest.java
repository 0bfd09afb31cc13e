package io.ringline.fanout.delivery.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.fanout.support.FanoutIntegrationTest;
import io.ringline.platform.ids.Ids;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Flux;

/**
 * The fan-out's statements are planned once per connection, not on every execution: every pooled connection runs with
 * {@code plan_cache_mode = force_generic_plan} (webhook-fanout-service.yml; under load PostgreSQL's own choice
 * re-planned the claim on most executions, docs/performance.md "Hot path step: plan once"), and the driver keeps its
 * prepared statements — counted by PostgreSQL itself ({@code pg_stat_statements.plans}; the embedded database loads
 * it). A statement re-prepared on every execution (the driver's statement cache off) is planned every time.
 */
class GenericPlansIntegrationTest extends FanoutIntegrationTest {

    private static final int CLAIMS = 60;
    /** The connection pool's size: each connection plans its prepared statement once. */
    private static final int CONNECTIONS = 10;

    @Autowired
    DeliveryRepository deliveries;

    @Test
    void theClaimIsPlannedOncePerConnectionNotOnEveryExecution() {
        assertThat(db.sql("SHOW plan_cache_mode").map(row -> row.get(0, String.class)).one()
                .block(Duration.ofSeconds(10))).isEqualTo("force_generic_plan");
        long[] before = claimCounters();

        // Due before 1970: nothing is claimed, so the dispatcher's work is left alone; the statement still runs, with
        // busy endpoints and hosts as the dispatcher passes them (arrays of varying length).
        Flux.range(0, CLAIMS)
                .concatMap(i -> deliveries.claim(Instant.EPOCH, Duration.ofSeconds(60), Ids.newId("lease"), 50, 4,
                        busy("wh_", 1 + i % 20), 16, busy("host-", 1 + i % 5)))
                .blockLast(Duration.ofSeconds(60));
        long[] after = claimCounters();

        long calls = after[0] - before[0];
        long plans = after[1] - before[1];
        assertThat(calls).as("claims executed (ours and the dispatcher's)").isGreaterThanOrEqualTo(CLAIMS);
        // The dispatcher's own polls run on the same connections; an autoanalyze may invalidate a plan once more.
        assertThat(plans).as("claim planned %d times in %d executions", plans, calls)
                .isLessThanOrEqualTo(2L * CONNECTIONS);
    }

    private static Map<String, Integer> busy(String prefix, int count) {
        Map<String, Integer> free = new HashMap<>();
        for (int i = 0; i < count; i++) {
            free.put(prefix + i, 1 + i % 4);
        }
        return free;
    }

    /** {@code [calls, plans]} of the claim statement so far. */
    private long[] claimCounters() {
        return db.sql("""
                        SELECT coalesce(sum(calls), 0) AS calls, coalesce(sum(plans), 0) AS plans
                        FROM public.pg_stat_statements WHERE query LIKE 'WITH RECURSIVE pending(subscription_id) AS%'""")
                .map(row -> new long[] {row.get("calls", Long.class), row.get("plans", Long.class)})
                .one()
                .block(Duration.ofSeconds(10));
    }
}
