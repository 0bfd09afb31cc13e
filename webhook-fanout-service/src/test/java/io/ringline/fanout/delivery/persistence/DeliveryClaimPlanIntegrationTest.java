package io.ringline.fanout.delivery.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.fanout.support.FanoutIntegrationTest;
import io.ringline.platform.ids.Ids;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The claim finds work only in {@code delivery_queue} (pending deliveries only) and reads the history table
 * {@code delivery} by primary key for the rows it picked, so it does not read more as the finished history grows
 * (retention bounds that history; this keeps the claim independent of it). Checked on the planner's own plan for the
 * exact claim statement, over a subscription with thousands of finished deliveries.
 */
class DeliveryClaimPlanIntegrationTest extends FanoutIntegrationTest {


    @Test
    void theClaimFindsWorkInTheQueueAndReadsTheHistoryOnlyByPrimaryKey() {
        String subscription = (String) subscribe(newTenant(), "https://receiver.example.com/hook", List.of("*"),
                List.of()).get("id");
        // Finished history: 20,000 delivered rows, plus a few pending ones due a day from now.
        db.sql("INSERT INTO delivery (id, subscription_id, tenant_id, event_id, event, payload, status, attempts, "
                        + "next_attempt_at, created_at, updated_at, completed_at) SELECT 'dlv_plan_' || :s || '_' || g, "
                        + "s.id, s.tenant_id, 'evt_plan_' || :s || '_' || g, 'call.ringing', '{}', "
                        + "CASE WHEN g <= 5 THEN 'PENDING' ELSE 'DELIVERED' END, 1, now() + interval '1 day', now(), "
                        + "now(), CASE WHEN g <= 5 THEN NULL ELSE now() END "
                        + "FROM subscription s, generate_series(1, 20005) g WHERE s.id = :s")
                .bind("s", subscription).then().block(Duration.ofSeconds(60));
        db.sql("INSERT INTO delivery_queue (delivery_id, subscription_id, next_attempt_at) "
                        + "SELECT id, subscription_id, next_attempt_at FROM delivery "
                        + "WHERE subscription_id = :s AND status = 'PENDING'")
                .bind("s", subscription).then().block(Duration.ofSeconds(60));
        try {
            assertClaimUsesPendingIndexes();
        } finally {
            db.sql("DELETE FROM subscription WHERE id = :s").bind("s", subscription).then().block(Duration.ofSeconds(60));
        }
    }

    private void assertClaimUsesPendingIndexes() {
        db.sql("ANALYZE delivery, delivery_queue").then().block(Duration.ofSeconds(60));

        Instant now = Instant.now().plus(Duration.ofDays(2));
        JsonNode plan = JsonMapper.builder().build().readTree(db.sql("EXPLAIN (FORMAT JSON) " + DeliveryRepository.CLAIM)
                .bind("busyIds", new String[0])
                .bind("busyFree", new Integer[0])
                .bind("busyHosts", new String[0])
                .bind("busyHostFree", new Integer[0])
                .bind("now", now)
                .bind("perEndpoint", 4)
                .bind("perHost", 16)
                .bind("limit", 50)
                .bind("leaseUntil", now.plusSeconds(60))
                .bind("token", Ids.newId("lease"))
                .map(row -> row.get(0, String.class))
                .one().block(Duration.ofSeconds(30)));

        List<JsonNode> queueScans = new ArrayList<>();
        collectScans(plan, "delivery_queue", queueScans);
        assertThat(queueScans).as("plan: %s", plan).isNotEmpty();
        // Every read of the history is the lookup of a picked row by primary key; work is found in the queue only.
        List<JsonNode> historyScans = new ArrayList<>();
        collectScans(plan, "delivery", historyScans);
        assertThat(historyScans).as("plan: %s", plan).isNotEmpty()
                .allMatch(scan -> "delivery_pkey".equals(text(scan, "Index Name")));
    }

    /** Every plan node that reads {@code relation}. */
    private static void collectScans(JsonNode node, String relation, List<JsonNode> into) {
        if (node.isArray()) {
            node.forEach(child -> collectScans(child, relation, into));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        if (relation.equals(text(node, "Relation Name")) && !"ModifyTable".equals(text(node, "Node Type"))) {
            into.add(node);
        }
        node.forEach(child -> collectScans(child, relation, into));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null ? null : value.stringValue();
    }
}
