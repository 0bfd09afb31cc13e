package io.ringline.fanout.event.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.fanout.support.FanoutIntegrationTest;
import io.ringline.testsupport.db.QueryPlan;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A poll's intake reads its events' tenants' active subscriptions through their partial index, not the whole table,
 * and records ids and events through their keys: the planner's own plan for the exact statement (explained, not run),
 * over 4,000 subscriptions of 400 tenants (half of them inactive).
 */
class EventIntakePlanIntegrationTest extends FanoutIntegrationTest {

    @Test
    void aPollsIntakeDoesNotScanATable() {
        String prefix = "ten_plan_" + System.nanoTime() + "_";
        db.sql("INSERT INTO subscription (id, tenant_id, name, url, events, number_ids, active, secret_encrypted, "
                        + "created_at, updated_at, version) SELECT 'wh_plan_' || :p || g, :p || (g % 400), 'plan', "
                        + "'https://receiver.example.com/' || g, ARRAY['*'], '{}', g % 2 = 0, 'v1.sealed', now(), now(), 0 "
                        + "FROM generate_series(1, 4000) g")
                .bind("p", prefix).then().block(Duration.ofSeconds(60));
        try {
            db.sql("ANALYZE subscription").then().block(Duration.ofSeconds(60));
            String[] events = {"evt_plan_1_" + prefix, "evt_plan_2_" + prefix};
            QueryPlan plan = QueryPlan.of(db.sql("EXPLAIN (FORMAT JSON) " + EventIntake.TAKE)
                    .bind("consumer", "plan-test")
                    .bind("eventIds", events)
                    .bind("tenantIds", new String[] {prefix + "7", prefix + "8"})
                    .bind("numberIds", new String[] {"num_1", "num_1"})
                    .bind("events", new String[] {"call.ringing", "call.ringing"})
                    .bind("payloads", new String[] {"{}", "{}"})
                    .bind("createdAts", new String[] {"2026-12-07T00:00:00Z", "2026-12-07T00:00:01Z"})
                    .map(row -> row.get(0, String.class))
                    .one().block(Duration.ofSeconds(30)));
            assertThat(plan.scansATable()).as("plan: %s", plan).isFalse();
            assertThat(plan.usesIndex("subscription_active_by_tenant")).as("plan: %s", plan).isTrue();
        } finally {
            db.sql("DELETE FROM subscription WHERE tenant_id LIKE :p || '%'").bind("p", prefix).then()
                    .block(Duration.ofSeconds(60));
        }
    }
}
