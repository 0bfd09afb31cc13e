package io.ringline.fanout.subscription.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.fanout.support.FanoutIntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Matching an event to subscriptions reads one tenant's active subscriptions through their partial index, not the
 * whole table: the planner's own plan for the exact statement, over 4,000 subscriptions of 400 tenants (half of them
 * inactive).
 */
class SubscriptionMatchPlanIntegrationTest extends FanoutIntegrationTest {

    @Test
    void findingATenantsActiveSubscriptionsDoesNotScanTheTable() {
        String prefix = "ten_plan_" + System.nanoTime() + "_";
        db.sql("INSERT INTO subscription (id, tenant_id, name, url, events, number_ids, active, secret_encrypted, "
                        + "created_at, updated_at, version) SELECT 'wh_plan_' || :p || g, :p || (g % 400), 'plan', "
                        + "'https://receiver.example.com/' || g, ARRAY['*'], '{}', g % 2 = 0, 'v1.sealed', now(), now(), 0 "
                        + "FROM generate_series(1, 4000) g")
                .bind("p", prefix).then().block(Duration.ofSeconds(60));
        try {
            db.sql("ANALYZE subscription").then().block(Duration.ofSeconds(60));
            JsonNode plan = JsonMapper.builder().build().readTree(db.sql("EXPLAIN (FORMAT JSON) "
                            + SubscriptionRepository.FIND_ACTIVE)
                    .bind("tenantId", prefix + "7")
                    .map(row -> row.get(0, String.class))
                    .one().block(Duration.ofSeconds(30)));
            List<JsonNode> nodes = new ArrayList<>();
            collect(plan, nodes);
            assertThat(nodes).as("plan: %s", plan)
                    .noneMatch(node -> "Seq Scan".equals(text(node, "Node Type")))
                    .anyMatch(node -> "subscription_active_by_tenant".equals(text(node, "Index Name")));
        } finally {
            db.sql("DELETE FROM subscription WHERE tenant_id LIKE :p || '%'").bind("p", prefix).then()
                    .block(Duration.ofSeconds(60));
        }
    }

    /** Every plan node (the statement reads no other table). */
    private static void collect(JsonNode node, List<JsonNode> into) {
        if (node.isArray()) {
            node.forEach(child -> collect(child, into));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        if (node.has("Node Type")) {
            into.add(node);
        }
        node.forEach(child -> collect(child, into));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null ? null : value.stringValue();
    }
}
