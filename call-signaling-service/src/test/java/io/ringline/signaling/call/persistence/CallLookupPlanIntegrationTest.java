package io.ringline.signaling.call.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.signaling.support.IntegrationTest;
import io.ringline.testsupport.db.QueryPlan;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A poll's lookup of the calls its reports name probes the provider-id index once per pair and never reads the
 * table: the planner's own plan for the exact statement, over 20,000 stored calls of 40 numbers — so its cost does
 * not grow with the calls stored.
 */
class CallLookupPlanIntegrationTest extends IntegrationTest {

    @Test
    void readingAPollsCallsByProviderIdDoesNotScanTheTable() {
        String prefix = "num_lookup_plan_" + System.nanoTime() + "_";
        db.sql("INSERT INTO calls (id, number_id, tenant_id, provider, direction, status, external_call_id, "
                        + "peer_number, created_at, updated_at) SELECT 'call_lp_' || :p || g, :p || (g % 40), "
                        + "'ten_plan', 'EVO_GO', 'INBOUND', 'COMPLETED', 'GO-LP-' || g, '5511900000000', now(), now() "
                        + "FROM generate_series(1, 20000) g")
                .bind("p", prefix).then().block(Duration.ofSeconds(60));
        try {
            db.sql("ANALYZE calls").then().block(Duration.ofSeconds(60));
            QueryPlan plan = QueryPlan.of(db.sql("EXPLAIN (FORMAT JSON) " + CallRepository.FIND_BY_EXTERNAL_IDS)
                    .bind("n", new String[] {prefix + "1", prefix + "2", prefix + "3"})
                    .bind("x", new String[] {"GO-LP-1", "GO-LP-2", "GO-LP-3"})
                    .map(row -> row.get(0, String.class))
                    .one().block(Duration.ofSeconds(30)));
            assertThat(plan.scansATable()).as("plan: %s", plan).isFalse();
            assertThat(plan.usesIndex("calls_by_external_id")).as("plan: %s", plan).isTrue();
        } finally {
            db.sql("DELETE FROM calls WHERE number_id LIKE :p || '%'").bind("p", prefix).then()
                    .block(Duration.ofSeconds(60));
        }
    }
}
