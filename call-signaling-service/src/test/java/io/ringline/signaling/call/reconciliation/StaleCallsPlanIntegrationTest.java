package io.ringline.signaling.call.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.signaling.call.CallStatus;
import io.ringline.signaling.support.IntegrationTest;
import io.ringline.testsupport.db.QueryPlan;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The reconciliation scan reads only calls in progress, through the partial index {@code calls_in_progress} (V8),
 * and never the table: the planner's own plan for the exact statement, over 20,000 ended calls — so what a scan
 * costs follows the calls in progress, not the history.
 */
class StaleCallsPlanIntegrationTest extends IntegrationTest {

    @Test
    void theScanForStaleCallsReadsTheCallsInProgressOnly() {
        String prefix = "num_stale_plan_" + System.nanoTime() + "_";
        db.sql("INSERT INTO calls (id, number_id, tenant_id, provider, direction, status, external_call_id, "
                        + "peer_number, created_at, updated_at, ended_at) SELECT 'call_sp_' || :p || g, :p || (g % 40), "
                        + "'ten_plan', 'EVO_GO', 'OUTBOUND', 'COMPLETED', 'GO-SP-' || g, '5511900000000', now(), now(), "
                        + "now() FROM generate_series(1, 20000) g")
                .bind("p", prefix).then().block(Duration.ofSeconds(60));
        try {
            db.sql("ANALYZE calls").then().block(Duration.ofSeconds(60));
            for (CallStatus status : new CallStatus[] {CallStatus.INITIATED, CallStatus.RINGING, CallStatus.ACCEPTED}) {
                QueryPlan plan = QueryPlan.of(db.sql("EXPLAIN (FORMAT JSON) " + StaleCalls.claimSql(status))
                        .bind("before", Instant.now())
                        .bind("limit", 100)
                        .bind("now", Instant.now())
                        .map(row -> row.get(0, String.class))
                        .one().block(Duration.ofSeconds(30)));
                assertThat(plan.scansATable()).as("%s plan: %s", status, plan).isFalse();
                assertThat(plan.usesIndex("calls_in_progress")).as("%s plan: %s", status, plan).isTrue();
            }
        } finally {
            db.sql("DELETE FROM calls WHERE number_id LIKE :p || '%'").bind("p", prefix).then()
                    .block(Duration.ofSeconds(60));
        }
    }
}
