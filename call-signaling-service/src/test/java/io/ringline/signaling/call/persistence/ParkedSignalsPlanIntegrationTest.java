package io.ringline.signaling.call.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.signaling.support.IntegrationTest;
import io.ringline.testsupport.db.QueryPlan;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A poll's offers take what was parked for their provider ids by probing the by-call index once per id and never
 * reading the table: the planner's own plan for the exact statement, over 20,000 parked signals of 40 numbers — so an
 * offer's cost does not grow with what is parked (signals of calls that never appeared stay up to an hour).
 */
class ParkedSignalsPlanIntegrationTest extends IntegrationTest {

    @Test
    void takingWhatAPollsOffersFindParkedDoesNotScanTheTable() {
        String prefix = "num_park_plan_" + System.nanoTime() + "_";
        db.sql("INSERT INTO pending_signals (number_id, external_call_id, signal_id, kind, payload_json, received_at, "
                        + "parked_at, silent_since) SELECT :p || (g % 40), 'GO-PP-' || g, 'sig_pp_' || :p || g, "
                        + "'CallTerminate', '{}', now(), now(), now() FROM generate_series(1, 20000) g")
                .bind("p", prefix).then().block(Duration.ofSeconds(60));
        try {
            db.sql("ANALYZE pending_signals").then().block(Duration.ofSeconds(60));
            QueryPlan plan = QueryPlan.of(db.sql("EXPLAIN (FORMAT JSON) " + PendingSignals.TAKE_ALL)
                    .bind("n", new String[] {prefix + "1", prefix + "2", prefix + "3"})
                    .bind("x", new String[] {"GO-PP-1", "GO-PP-2", "GO-PP-3"})
                    .map(row -> row.get(0, String.class))
                    .one().block(Duration.ofSeconds(30)));
            assertThat(plan.scansATable()).as("plan: %s", plan).isFalse();
            assertThat(plan.usesIndex("pending_signals_by_call")).as("plan: %s", plan).isTrue();
        } finally {
            db.sql("DELETE FROM pending_signals WHERE number_id LIKE :p || '%'").bind("p", prefix).then()
                    .block(Duration.ofSeconds(60));
        }
    }
}
