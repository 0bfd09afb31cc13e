package io.ringline.fanout.delivery.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.fanout.support.FanoutIntegrationTest;
import io.ringline.platform.ids.Ids;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.reactive.TransactionalOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The other way the claim's cost could grow: every delivery is inserted PENDING and finished by a non-HOT update, so
 * each leaves a dead entry in {@code delivery_pending_by_subscription} that claims step over until VACUUM removes it.
 * Counted in buffers ({@code EXPLAIN (ANALYZE, BUFFERS)} of the exact claim, rolled back) before and after a churn of
 * finished deliveries, and after a VACUUM; and the table's autovacuum trigger is a fixed number of dead rows, not
 * autovacuum's default 20 % of the table (which on a table of millions waits for hundreds of thousands of them).
 */
class DeliveryQueueVacuumIntegrationTest extends FanoutIntegrationTest {

    private static final int CHURN = 20_000;

    @Autowired
    TransactionalOperator tx;

    @Test
    void deadQueueEntriesCostTheClaimUntilVacuumAndTheTableIsVacuumedAfterAFixedNumberOfThem() {
        String subscription = (String) subscribe(newTenant(), "https://receiver.example.com/hook", List.of("*"),
                List.of()).get("id");
        try {
            // Due a day from now, so the running dispatcher leaves them alone; the claim runs at now + 2 days.
            db.sql("INSERT INTO delivery (id, subscription_id, tenant_id, event_id, event, payload, status, attempts, "
                            + "next_attempt_at, created_at, updated_at) SELECT 'dlv_vac_' || :s || '_' || g, s.id, "
                            + "s.tenant_id, 'evt_vac_' || :s || '_' || g, 'call.ringing', '{}', 'PENDING', 0, "
                            + "now() + interval '1 day' + g * interval '1 millisecond', now(), now() "
                            + "FROM subscription s, generate_series(1, 6) g WHERE s.id = :s")
                    .bind("s", subscription).then().block(Duration.ofSeconds(60));
            Instant at = Instant.now().plus(Duration.ofDays(2));
            long clean = claimBuffers(at);

            // Deliveries that came and went: inserted PENDING (due before the six), then finished.
            db.sql("INSERT INTO delivery (id, subscription_id, tenant_id, event_id, event, payload, status, attempts, "
                            + "next_attempt_at, created_at, updated_at) SELECT 'dlv_churn_' || :s || '_' || g, s.id, "
                            + "s.tenant_id, 'evt_churn_' || :s || '_' || g, 'call.ringing', '{}', 'PENDING', 0, "
                            + "now() + interval '1 day' - interval '1 hour' + g * interval '1 millisecond', now(), now() "
                            + "FROM subscription s, generate_series(1, :n) g WHERE s.id = :s")
                    .bind("s", subscription).bind("n", CHURN).then().block(Duration.ofSeconds(60));
            db.sql("UPDATE delivery SET status = 'DELIVERED', attempts = 1, completed_at = now() "
                            + "WHERE subscription_id = :s AND id LIKE 'dlv_churn_%'")
                    .bind("s", subscription).then().block(Duration.ofSeconds(60));
            long firstAfterChurn = claimBuffers(at);
            long laterAfterChurn = claimBuffers(at);

            db.sql("VACUUM delivery").then().block(Duration.ofSeconds(120));
            long vacuumed = claimBuffers(at);

            System.out.printf("claim buffers: %d clean, %d and %d after %,d finished deliveries (no vacuum), %d after "
                    + "VACUUM%n", clean, firstAfterChurn, laterAfterChurn, CHURN, vacuumed);
            // Counts, not times: the dead entries cost buffers (one heap visit each the first time); VACUUM takes back at
            // least nine tenths of that (the rest of the table, other tests' rows included, is not this test's).
            assertThat(firstAfterChurn).as("dead entries are stepped over").isGreaterThan(clean + CHURN / 100);
            assertThat(vacuumed).as("after VACUUM, clean: %d, dead: %d", clean, firstAfterChurn)
                    .isLessThanOrEqualTo(clean + (firstAfterChurn - clean) / 10);

            String options = db.sql("SELECT array_to_string(reloptions, ',') FROM pg_class c "
                            + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'fanout' AND c.relname = 'delivery'")
                    .map(row -> row.get(0, String.class)).one().block(Duration.ofSeconds(10));
            assertThat(options).contains("autovacuum_vacuum_scale_factor=0", "autovacuum_vacuum_threshold=10000",
                    "autovacuum_analyze_scale_factor=0");
        } finally {
            db.sql("DELETE FROM subscription WHERE id = :s").bind("s", subscription).then().block(Duration.ofSeconds(60));
        }
    }

    /** Shared buffers (hit + read) one claim touches, by PostgreSQL's count; the claim is rolled back. */
    private long claimBuffers(Instant at) {
        return tx.execute(status -> {
            status.setRollbackOnly();
            return db.sql("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + DeliveryRepository.CLAIM)
                    .bind("busyIds", new String[0])
                    .bind("busyFree", new Integer[0])
                    .bind("busyHosts", new String[0])
                    .bind("busyHostFree", new Integer[0])
                    .bind("now", at)
                    .bind("perEndpoint", 4)
                    .bind("perHost", 16)
                    .bind("limit", 50)
                    .bind("leaseUntil", at.plusSeconds(60))
                    .bind("token", Ids.newId("lease"))
                    .map(row -> row.get(0, String.class))
                    .one()
                    .map(json -> {
                        JsonNode plan = JsonMapper.builder().build().readTree(json).get(0).get("Plan");
                        return plan.get("Shared Hit Blocks").asLong() + plan.get("Shared Read Blocks").asLong();
                    });
        }).single().block(Duration.ofSeconds(60));
    }
}
