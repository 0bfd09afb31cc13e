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
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the claim actually reads, counted by PostgreSQL itself ({@code EXPLAIN ANALYZE} of the exact claim statement,
 * rolled back): the rows it touches are the pending, due ones in {@code delivery_queue} (at most its limit of them is
 * then leased, and read from {@code delivery} by primary key) — never the finished history, however large. Measured over a subscription with 40,000 finished deliveries
 * whose {@code next_attempt_at} lies in the claim's range, so any index or scan that also held finished rows would
 * read them; and over many subscriptions with pending work, a history of finished deliveries and statistics taken
 * while nothing was pending (what a seeded or long-lived database looks like to the planner), where the claim must
 * still read each subscription's own pending rows only.
 */
class DeliveryClaimReadsIntegrationTest extends FanoutIntegrationTest {

    private static final int LIMIT = 50;

    @Autowired
    TransactionalOperator tx;

    @Test
    void theClaimReadsThePendingDueRowsOnlyHoweverManyFinishedOnesAreStored() {
        String subscription = (String) subscribe(newTenant(), "https://receiver.example.com/hook", List.of("*"),
                List.of()).get("id");
        try {
            insert(subscription, "pending", 1, 8, "PENDING", "now() + interval '1 day'");
            Instant at = Instant.now().plus(Duration.ofDays(2));
            Reads empty = reads(at);

            insert(subscription, "finished", 1, 40_000, "DELIVERED", "now() - interval '1 hour'");
            db.sql("ANALYZE delivery, delivery_queue").then().block(Duration.ofSeconds(60));
            Reads full = reads(at);

            System.out.printf("claim reads: %s with no finished rows stored, %s with 40,000%n", empty.counts(),
                    full.counts());
            for (Reads r : List.of(empty, full)) {
                // Every row the claim read is a pending, due one, or one of those it then leased and read (by primary
                // key, in the queue and in the history) (and one row per subscription with pending rows, found by the
                // search for them).
                assertThat(r.rowsRead()).as("%s", r)
                        .isLessThanOrEqualTo(r.pendingDue() + 2 * LIMIT + r.withPending() + 1 + r.roundingSlack());
            }
            assertThat(full.rowsRead()).as("with 40,000 finished rows: %s; without: %s", full, empty)
                    .isLessThan(1_000);
        } finally {
            db.sql("DELETE FROM subscription WHERE id = :s").bind("s", subscription).then().block(Duration.ofSeconds(60));
        }
    }

    /**
     * The seeded-history benchmark's case (docs/performance.md "Seeded history"): statistics that say no delivery is
     * pending made the planner walk {@code delivery_pending_due} — every subscription's due rows — once per
     * subscription, so each claim read pending rows × subscriptions. With the claim's order in the per-subscription
     * index it reads each subscription's own rows, as on an empty table.
     */
    @Test
    void withManySubscriptionsAndAHistoryTheClaimReadsEachSubscriptionsOwnPendingRows() {
        List<String> subscriptions = new java.util.ArrayList<>();
        for (int i = 0; i < SUBSCRIPTIONS; i++) {
            subscriptions.add((String) subscribe(newTenant(), "https://receiver" + i + ".example.com/hook", List.of("*"),
                    List.of()).get("id"));
        }
        String[] ids = subscriptions.toArray(String[]::new);
        try {
            Instant at = Instant.now().plus(Duration.ofDays(2));
            insertPendingInTurns(ids);
            db.sql("ANALYZE delivery, delivery_queue").then().block(Duration.ofSeconds(60));
            Reads empty = reads(at);

            db.sql("DELETE FROM delivery WHERE subscription_id = ANY(:ids)").bind("ids", ids)
                    .then().block(Duration.ofSeconds(60));
            db.sql("INSERT INTO delivery (id, subscription_id, tenant_id, event_id, event, payload, status, attempts, "
                            + "next_attempt_at, created_at, updated_at, completed_at) "
                            + "SELECT 'dlv_hist_' || s.id || '_' || g, s.id, s.tenant_id, 'evt_hist_' || s.id || '_' || g, "
                            + "'call.ended', '{}', 'DELIVERED', 1, now() - g * interval '1 second', now(), now(), now() "
                            + "FROM subscription s, generate_series(1, :perSubscription) g WHERE s.id = ANY(:ids)")
                    .bind("ids", ids).bind("perSubscription", HISTORY_PER_SUBSCRIPTION)
                    .then().block(Duration.ofSeconds(180));
            db.sql("ANALYZE delivery, delivery_queue").then().block(Duration.ofSeconds(60)); // nothing pending: what the planner sees
            insertPendingInTurns(ids);
            Reads full = reads(at);

            System.out.printf("claim over %d subscriptions reads: %s with no history, %s with %,d finished rows%n",
                    SUBSCRIPTIONS, empty.counts(), full.counts(), SUBSCRIPTIONS * HISTORY_PER_SUBSCRIPTION);
            for (Reads r : List.of(empty, full)) {
                // At most each pending due row once (a plan may read a small table's ranges whole), each
                // subscription's scan up to its free slots, and the picked rows by key (queue and history). Walking every subscription's
                // due rows once per subscription reads pending x subscriptions (2,450 here before V5). Finding the
                // subscriptions with pending rows (due or not) reads one row each, and one more probe that finds none.
                assertThat(r.rowsRead()).as("%s", r).isLessThanOrEqualTo(r.pendingDue() + SUBSCRIPTIONS * PER_ENDPOINT
                        + 2 * LIMIT + r.withPending() + 1 + r.roundingSlack());
            }
            // Pending rows other tests left for their own subscriptions are read by those subscriptions' probes, and
            // every subscription with pending rows (due or not) costs the search for them one row.
            long others = full.pendingDue() - SUBSCRIPTIONS * PENDING_EACH;
            assertThat(full.rowsRead()).as("with history: %s", full)
                    .isLessThanOrEqualTo(SUBSCRIPTIONS * PER_ENDPOINT + 2 * LIMIT + others + full.withPending() + 1
                            + full.roundingSlack());
            assertThat(full.rowsRead()).as("with history: %s; without: %s", full, empty)
                    .isLessThanOrEqualTo(empty.rowsRead() + LIMIT);
        } finally {
            db.sql("DELETE FROM subscription WHERE id = ANY(:ids)").bind("ids", ids).then().block(Duration.ofSeconds(60));
        }
    }

    /**
     * The claim drove from every active subscription (a sequential scan of {@code subscription} and one probe of
     * {@code delivery} each): 230 subscriptions made 930 subscription rows and 530 index scans per call in the calls
     * benchmark, and the count grows with every tenant's endpoints. It now finds the subscriptions with pending rows
     * first, so idle ones cost nothing.
     */
    @Test
    void idleSubscriptionsCostTheClaimNothing() {
        List<String> idle = new java.util.ArrayList<>();
        for (int i = 0; i < IDLE_SUBSCRIPTIONS; i++) {
            idle.add((String) subscribe(newTenant(), "https://idle" + i + ".example.com/hook", List.of("*"), List.of())
                    .get("id"));
        }
        String busy = (String) subscribe(newTenant(), "https://busy.example.com/hook", List.of("*"), List.of())
                .get("id");
        String[] ids = idle.toArray(String[]::new);
        try {
            insert(busy, "idle-test", 1, 3, "PENDING", "now() + interval '1 day'");
            Plan plan = plan(Instant.now().plus(Duration.ofDays(2)));

            // Each subscription with pending rows: found once, read once, probed once; the picked rows joined by key
            // (leased in the queue, read in the history).
            assertThat(plan.subscriptionRows()).as("%s", plan)
                    .isLessThanOrEqualTo(2 * plan.subscriptionsWithPending() + LIMIT);
            assertThat(plan.deliveryScans()).as("%s", plan)
                    .isLessThanOrEqualTo(3 * plan.subscriptionsWithPending() + 2 * LIMIT + 2);
            assertThat(plan.subscriptionsWithPending()).as("%s", plan).isPositive();
        } finally {
            db.sql("DELETE FROM subscription WHERE id = ANY(:ids) OR id = :busy").bind("ids", ids).bind("busy", busy)
                    .then().block(Duration.ofSeconds(60));
        }
    }

    private static final int IDLE_SUBSCRIPTIONS = 150;

    /**
     * What one claim touched: rows read from {@code subscription}, index scans of {@code delivery_queue} and
     * {@code delivery} (all loops).
     */
    private record Plan(long subscriptionRows, long deliveryScans, long subscriptionsWithPending) {
    }

    private Plan plan(Instant at) {
        return tx.execute(status -> {
            status.setRollbackOnly(); // EXPLAIN ANALYZE runs the claim: its leases must not stay
            Mono<Long> withPending = subscriptionsWithPending();
            Mono<JsonNode> explained = explain(at);
            return withPending.zipWith(explained, (pending, json) -> new Plan(rowsRead(json, "subscription"),
                    scans(json, "delivery_queue") + scans(json, "delivery"), pending));
        }).single().block(Duration.ofSeconds(60));
    }

    private Mono<Long> subscriptionsWithPending() {
        return db.sql("SELECT count(DISTINCT subscription_id) FROM delivery_queue")
                .map(row -> row.get(0, Long.class)).one();
    }

    private Mono<JsonNode> explain(Instant at) {
        return db.sql("EXPLAIN (ANALYZE, FORMAT JSON) " + DeliveryRepository.CLAIM)
                .bind("busyIds", new String[0])
                .bind("busyFree", new Integer[0])
                .bind("busyHosts", new String[0])
                .bind("busyHostFree", new Integer[0])
                .bind("now", at)
                .bind("perEndpoint", PER_ENDPOINT)
                .bind("perHost", 16)
                .bind("limit", LIMIT)
                .bind("leaseUntil", at.plusSeconds(60))
                .bind("token", Ids.newId("lease"))
                .map(row -> row.get(0, String.class))
                .one()
                .map(json -> JsonMapper.builder().build().readTree(json));
    }

    /** Index and sequential scans of a relation, over all their loops (the update's own target excluded). */
    private static long scans(JsonNode node, String relation) {
        long total = 0;
        if (node.isArray() || node.isObject()) {
            if (node.isObject() && relation.equals(text(node, "Relation Name"))
                    && !"ModifyTable".equals(text(node, "Node Type"))) {
                total += Math.max(1, number(node, "Actual Loops"));
            }
            for (JsonNode child : node) {
                total += scans(child, relation);
            }
        }
        return total;
    }

    private static final int SUBSCRIPTIONS = 20;
    private static final int PER_ENDPOINT = 4;
    private static final int HISTORY_PER_SUBSCRIPTION = 5_000;
    private static final int PENDING_EACH = 200;

    /**
     * 200 pending deliveries per subscription (a backlog of pages, not a handful of rows), their due times interleaved across subscriptions (as in a run); due a
     * day from now, so the running dispatcher leaves them to the claim measured at {@code now + 2 days}.
     */
    private void insertPendingInTurns(String[] ids) {
        db.sql("INSERT INTO delivery (id, subscription_id, tenant_id, event_id, event, payload, status, attempts, "
                        + "next_attempt_at, created_at, updated_at) "
                        + "SELECT 'dlv_turns_' || s.id || '_' || g, s.id, s.tenant_id, 'evt_turns_' || s.id || '_' || g, "
                        + "'call.ringing', '{}', 'PENDING', 0, now() + interval '1 day' + (g * 1000 + array_position(CAST(:ids AS text[]), s.id)) * interval '1 millisecond', "
                        + "now(), now() FROM subscription s, generate_series(1, :each) g WHERE s.id = ANY(:ids)")
                .bind("ids", ids).bind("each", PENDING_EACH).then().block(Duration.ofSeconds(60));
        queuePending(ids);
    }

    /** Queue rows for the pending deliveries the test wrote into the history directly (as the repository does). */
    private void queuePending(String... subscriptionIds) {
        db.sql("INSERT INTO delivery_queue (delivery_id, subscription_id, next_attempt_at) "
                        + "SELECT id, subscription_id, next_attempt_at FROM delivery "
                        + "WHERE subscription_id = ANY(:ids) AND status = 'PENDING' ON CONFLICT DO NOTHING")
                .bind("ids", subscriptionIds).then().block(Duration.ofSeconds(60));
    }

    private void insert(String subscription, String tag, int from, int to, String status, String nextAttemptAt) {
        db.sql("INSERT INTO delivery (id, subscription_id, tenant_id, event_id, event, payload, status, attempts, "
                        + "next_attempt_at, created_at, updated_at, completed_at) SELECT 'dlv_reads_' || :tag || :s || '_' || g, "
                        + "s.id, s.tenant_id, 'evt_reads_' || :tag || :s || '_' || g, 'call.ringing', '{}', :status, 1, "
                        + nextAttemptAt + ", now(), now(), CASE WHEN :status = 'PENDING' THEN NULL ELSE now() END "
                        + "FROM subscription s, generate_series(" + from + ", " + to + ") g WHERE s.id = :s")
                .bind("s", subscription).bind("tag", tag).bind("status", status)
                .then().block(Duration.ofSeconds(120));
        queuePending(subscription);
    }

    /**
     * What one claim read, how many pending rows were due for it then and how many subscriptions had pending rows
     * (same transaction, rolled back).
     */
    private record Reads(long rowsRead, long pendingDue, long withPending, long roundingSlack, JsonNode plan) {

        String counts() {
            return "Reads[rowsRead=%d, pendingDue=%d, withPending=%d, roundingSlack=%d]"
                    .formatted(rowsRead, pendingDue, withPending, roundingSlack);
        }

        /** The counts, and the plan that read them: what a failure needs to be understood. */
        @Override
        public String toString() {
            return counts() + " by " + plan;
        }
    }

    private Reads reads(Instant at) {
        return tx.execute(status -> {
            status.setRollbackOnly(); // EXPLAIN ANALYZE runs the claim: its leases must not stay
            Mono<Long> pendingDue = db.sql("SELECT count(*) FROM delivery_queue WHERE next_attempt_at <= :at")
                    .bind("at", at).map(row -> row.get(0, Long.class)).one();
            Mono<Long> withPending = subscriptionsWithPending();
            Mono<JsonNode> plan = explain(at);
            // PostgreSQL prints each node's rows as a per-loop average rounded to a whole row, so rows × loops can
            // exceed what was read by up to half a row per loop.
            return Mono.zip(pendingDue, withPending, plan).map(t -> new Reads(
                    rowsRead(t.getT3(), "delivery_queue") + rowsRead(t.getT3(), "delivery"), t.getT1(), t.getT2(),
                    (scans(t.getT3(), "delivery_queue") + scans(t.getT3(), "delivery") + 1) / 2, t.getT3()));
        }).single().block(Duration.ofSeconds(60));
    }

    /** Rows every plan node reading a relation produced or filtered out, over all its loops. */
    private static long rowsRead(JsonNode node, String relation) {
        long total = 0;
        if (node.isArray()) {
            for (JsonNode child : node) {
                total += rowsRead(child, relation);
            }
            return total;
        }
        if (!node.isObject()) {
            return 0;
        }
        if (relation.equals(text(node, "Relation Name")) && !"ModifyTable".equals(text(node, "Node Type"))) {
            long loops = Math.max(1, number(node, "Actual Loops"));
            total += loops * (number(node, "Actual Rows") + number(node, "Rows Removed by Filter")
                    + number(node, "Rows Removed by Index Recheck"));
        }
        for (JsonNode child : node) {
            total += rowsRead(child, relation);
        }
        return total;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null ? null : value.stringValue();
    }

    private static long number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null ? 0 : Math.round(value.asDouble());
    }
}
