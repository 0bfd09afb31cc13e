package io.ringline.signaling.call.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.signaling.support.IntegrationTest;
import io.ringline.testsupport.db.QueryPlan;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A poll's statements by provider id — the lookup of the calls its signals name, the take of what was parked for its
 * offers' ids — probe their index once per (number, provider id) pair and never read the table: the planner's own
 * plan for the exact statement, over 20,000 stored rows of 40 numbers — so their cost does not grow with the calls
 * stored or the signals parked (those of calls that never appeared stay up to an hour).
 */
class CallLookupPlanIntegrationTest extends IntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void readingAPollsCallsByProviderIdDoesNotScanTheTable() {
        String prefix = "num_lookup_plan_" + System.nanoTime() + "_";
        db.sql("INSERT INTO calls (id, number_id, tenant_id, provider, direction, status, external_call_id, "
                        + "peer_number, created_at, updated_at) SELECT 'call_lp_' || :p || g, :p || (g % 40), "
                        + "'ten_plan', 'EVO_GO', 'INBOUND', 'COMPLETED', 'GO-LP-' || g, '5511900000000', now(), now() "
                        + "FROM generate_series(1, 20000) g")
                .bind("p", prefix).then().block(WAIT);
        try {
            QueryPlan plan = plan("calls", CallRepository.FIND_BY_EXTERNAL_IDS, prefix, "GO-LP-");
            assertThat(plan.scansATable()).as("plan: %s", plan).isFalse();
            assertThat(plan.usesIndex("calls_by_external_id")).as("plan: %s", plan).isTrue();
        } finally {
            db.sql("DELETE FROM calls WHERE number_id LIKE :p || '%'").bind("p", prefix).then().block(WAIT);
        }
    }

    @Test
    void takingWhatAPollsOffersFindParkedDoesNotScanTheTable() {
        String prefix = "num_park_plan_" + System.nanoTime() + "_";
        db.sql("INSERT INTO pending_signals (number_id, external_call_id, signal_id, kind, payload_json, received_at, "
                        + "parked_at, silent_since) SELECT :p || (g % 40), 'GO-PP-' || g, 'sig_pp_' || :p || g, "
                        + "'CallTerminate', '{}', now(), now(), now() FROM generate_series(1, 20000) g")
                .bind("p", prefix).then().block(WAIT);
        try {
            QueryPlan plan = plan("pending_signals", PendingSignals.TAKE_ALL, prefix, "GO-PP-");
            assertThat(plan.scansATable()).as("plan: %s", plan).isFalse();
            assertThat(plan.usesIndex("pending_signals_by_call")).as("plan: %s", plan).isTrue();
        } finally {
            db.sql("DELETE FROM pending_signals WHERE number_id LIKE :p || '%'").bind("p", prefix).then().block(WAIT);
        }
    }

    /** The plan of {@code statement} for three (number, provider id) pairs, the table analysed first. */
    private QueryPlan plan(String table, String statement, String numberPrefix, String externalPrefix) {
        db.sql("ANALYZE " + table).then().block(WAIT);
        return QueryPlan.of(db.sql("EXPLAIN (FORMAT JSON) " + statement)
                .bind("n", new String[] {numberPrefix + "1", numberPrefix + "2", numberPrefix + "3"})
                .bind("x", new String[] {externalPrefix + "1", externalPrefix + "2", externalPrefix + "3"})
                .map(row -> row.get(0, String.class))
                .one().block(Duration.ofSeconds(30)));
    }
}
