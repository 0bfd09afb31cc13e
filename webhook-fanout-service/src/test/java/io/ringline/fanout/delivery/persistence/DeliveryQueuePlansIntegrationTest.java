package io.ringline.fanout.delivery.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.fanout.support.FanoutIntegrationTest;
import io.ringline.infra.EmbeddedInfra;
import io.ringline.testsupport.db.QueryPlan;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The queue's statements read it by key, whatever it held when a connection planned them. Under a backlog the queue
 * holds thousands of due rows; a batch of outcomes that joined them by hash, or scanned the queue because it was one
 * page when planned, read all of them twice (its finished and its retrying rows): the benchmark's fan-out read ~1,000
 * queue rows per delivery by sequential scans once it fell behind, which made an overloaded fan-out slower to catch up
 * (docs/performance.md). Checked on the planner's own generic plan for the exact statement, as the fan-out's
 * connections make it ({@code plan_cache_mode}) and keep it for their life.
 */
class DeliveryQueuePlansIntegrationTest extends FanoutIntegrationTest {

    private static final int BATCH = 20;
    /** QueueGrowth.MINIMUM (package-private in dispatch). */
    private static final int QUEUE_GROWTH_MINIMUM = 500;
    /** The largest queue an earlier test of this context builds, rounded up. */
    private static final int EARLIER_BACKLOGS = 5_000;
    /** Four times QueueGrowth's minimum: a queue the planner reads by index once it plans again. */
    private static final int BACKLOG = 2_000;

    /**
     * Joined to the batch, the queue was read by a hash of all its rows once it held a few thousand (the planner's
     * choice for a batch of ~10 against a queue of 30 pages); found by key, it is read a row per outcome.
     */
    @Test
    void aBatchOfOutcomesFindsItsQueueRowsByKeyInABacklog() {
        String subscription = (String) subscribe(newTenant(), "https://receiver.example.com/hook", List.of("*"),
                List.of()).get("id");
        try {
            db.sql("VACUUM FULL delivery_queue").then().block(Duration.ofSeconds(60)); // its size: its rows, no more
            queue(subscription, 1, BACKLOG, "now() + interval '1 day'", false);
            db.sql("ANALYZE delivery, delivery_queue").then().block(Duration.ofSeconds(60));
            try (Session session = session()) {
                QueryPlan plan = session.plan();
                assertThat(plan.scansATable()).as("%s", plan).isFalse();
                assertThat(plan.usesIndex("delivery_queue_pkey")).as("%s", plan).isTrue();
            }
        } finally {
            db.sql("DELETE FROM subscription WHERE id = :s").bind("s", subscription).then().block(Duration.ofSeconds(60));
        }
    }

    /**
     * A plan made on a one-page queue scans it, the cheapest plan then, and the connection keeps it as a backlog builds.
     * The fan-out's backlog gauge sees the queue grow and has the plans made again (QueueGrowth): the same prepared
     * statements (the outcomes and the claim, whose search for subscriptions with work scanned the queue at every
     * step), in a session that planned them on one page, then read by key. Autovacuum, which would also do it about
     * once a minute, is off for the queue meanwhile.
     */
    @Test
    void aBacklogThatOutgrowsTheConnectionsPlansHasThemMadeAgain() {
        String subscription = (String) subscribe(newTenant(), "https://receiver.example.com/hook", List.of("*"),
                List.of()).get("id");
        db.sql("ALTER TABLE delivery_queue SET (autovacuum_enabled = false)").then().block(Duration.ofSeconds(10));
        try (Session session = session()) {
            queue(subscription, 1, 40, "now() + interval '1 day'", false); // not due: no backlog
            // Compact, as a queue with little work is: VACUUM alone leaves what earlier tests' rows took.
            db.sql("VACUUM FULL ANALYZE delivery_queue").then().block(Duration.ofSeconds(60));
            for (QueryPlan onOnePage : List.of(session.plan(), session.claimPlan())) {
                assertThat(scansTheQueue(onOnePage)).as("the premise: on one page, a scan: %s", onOnePage).isTrue();
            }

            // Due now but leased for an hour: counted by the backlog gauge, never claimed. Fourfold what the gauge can
            // last have planned at: what the queue holds now, or, if the gauge has not read the queue since, the
            // largest backlog an earlier test of this context built (DeliveryClaimReadsIntegrationTest: 4,000).
            long queued = queuedRows();
            int backlog = (int) (4 * Math.max(queued, EARLIER_BACKLOGS) + QUEUE_GROWTH_MINIMUM);
            queue(subscription, 41, 41 + backlog, "now() - interval '1 minute'", true);

            Awaitility.await().atMost(DEADLINE).untilAsserted(() -> {
                QueryPlan outcomes = session.plan();
                assertThat(scansTheQueue(outcomes)).as("%d rows queued before the backlog of %d, queue analysed %d times: %s",
                        queued, backlog, analyses(), outcomes).isFalse();
                assertThat(outcomes.usesIndex("delivery_queue_pkey")).as("%s", outcomes).isTrue();
                QueryPlan claim = session.claimPlan();
                assertThat(scansTheQueue(claim)).as("%s", claim).isFalse();
                assertThat(claim.usesIndex("delivery_queue_by_subscription")).as("%s", claim).isTrue();
            });
        } finally {
            db.sql("ALTER TABLE delivery_queue RESET (autovacuum_enabled)").then().block(Duration.ofSeconds(10));
            db.sql("DELETE FROM subscription WHERE id = :s").bind("s", subscription).then().block(Duration.ofSeconds(60));
        }
    }

    /** ANALYZEs of the queue so far, as the statistics collector has them (it may lag by half a second). */
    private long analyses() {
        return db.sql("SELECT analyze_count FROM pg_stat_user_tables WHERE relname = 'delivery_queue'")
                .map(row -> row.get(0, Long.class)).one().block(Duration.ofSeconds(10));
    }

    /** Queue rows of active subscriptions: what the backlog gauge hands QueueGrowth. */
    private long queuedRows() {
        return db.sql("SELECT count(*) FROM delivery_queue q JOIN subscription s ON s.id = q.subscription_id AND s.active")
                .map(row -> row.get(0, Long.class)).one().block(Duration.ofSeconds(10));
    }

    /** Pending deliveries {@code from}..{@code to} of the subscription, queued due at {@code dueAt}, leased or not. */
    private void queue(String subscription, int from, int to, String dueAt, boolean leased) {
        db.sql("INSERT INTO delivery (id, subscription_id, tenant_id, event_id, event, payload, status, attempts, "
                        + "next_attempt_at, created_at, updated_at) SELECT 'dlv_outcomes_' || g, s.id, s.tenant_id, "
                        + "'evt_outcomes_' || g, 'call.ringing', '{}', 'PENDING', 0, " + dueAt + ", now(), now() "
                        + "FROM subscription s, generate_series(:from, :to) g WHERE s.id = :s")
                .bind("s", subscription).bind("from", from).bind("to", to).then().block(Duration.ofSeconds(120));
        db.sql("INSERT INTO delivery_queue (delivery_id, subscription_id, next_attempt_at, locked_until, lease_token) "
                        + "SELECT id, subscription_id, next_attempt_at, "
                        + (leased ? "now() + interval '1 hour', 'lease_test'" : "NULL, NULL")
                        + " FROM delivery WHERE subscription_id = :s ON CONFLICT DO NOTHING")
                .bind("s", subscription).then().block(Duration.ofSeconds(120));
    }

    /** Parameters of {@link DeliveryRepository#LOG_AND_SAVE_OUTCOMES} with their types, numbered in this order. */
    private static final Map<String, String> OUTCOMES = parameters("ids", "text[]", "tokens", "text[]", "statuses",
            "text[]", "attempts", "int[]", "nextAttemptAts", "text[]", "codes", "int[]", "errors", "text[]",
            "updatedAts", "text[]", "completedAts", "text[]", "logDeliveryIds", "text[]", "logSubscriptionIds", "text[]",
            "logAttempts", "int[]", "logAttemptedAts", "text[]", "logStatuses", "text[]", "logCodes", "int[]",
            "logDurations", "int[]", "logExcerpts", "text[]", "logErrors", "text[]");

    /** Parameters of {@link DeliveryRepository#CLAIM} with their types, numbered in this order. */
    private static final Map<String, String> CLAIM = parameters("busyIds", "text[]", "busyFree", "int[]", "busyHosts",
            "text[]", "busyHostFree", "int[]", "now", "timestamptz", "perEndpoint", "int", "perHost", "int", "limit",
            "int", "leaseUntil", "timestamptz", "token", "text");

    private static boolean scansTheQueue(QueryPlan plan) {
        return plan.nodes().stream().anyMatch(node -> "Seq Scan".equals(node.path("Node Type").asString())
                && "delivery_queue".equals(node.path("Relation Name").asString()));
    }

    /**
     * A session like the fan-out's connections, with the outcomes and the claim statements prepared in it, as they
     * keep them: a generic plan is made on the first execution and kept ({@code EXPLAIN EXECUTE} shows it; PostgreSQL 14 has no
     * {@code EXPLAIN (GENERIC_PLAN)}). JDBC: PREPARE's text holds $1…, which the R2DBC driver takes for parameters.
     */
    private Session session() {
        List<String> settings = db.sql("SELECT current_setting('plan_cache_mode'), current_setting('search_path'), "
                        + "current_setting('random_page_cost')")
                .map(row -> List.of(row.get(0, String.class), row.get(1, String.class), row.get(2, String.class)))
                .one().block(Duration.ofSeconds(10));
        assertThat(settings.get(0)).as("the fan-out's connections").isEqualTo("force_generic_plan");
        EmbeddedInfra infra = EmbeddedInfra.shared();
        try {
            Connection c = DriverManager.getConnection(infra.jdbcUrl(), EmbeddedInfra.DB_USER, EmbeddedInfra.DB_PASSWORD);
            try (Statement st = c.createStatement()) {
                st.execute("SET plan_cache_mode = " + settings.get(0));
                st.execute("SET search_path = " + settings.get(1));
                st.execute("SET random_page_cost = " + settings.get(2));
                st.execute(prepare("save_outcomes", DeliveryRepository.LOG_AND_SAVE_OUTCOMES, OUTCOMES));
                st.execute(prepare("claim", DeliveryRepository.CLAIM, CLAIM));
            }
            return new Session(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code PREPARE name(types) AS sql}, each {@code :parameter} numbered in the order of {@code parameters}. */
    private static String prepare(String name, String sql, Map<String, String> parameters) {
        List<String> names = new ArrayList<>(parameters.keySet());
        for (int i = 0; i < names.size(); i++) {
            sql = sql.replaceAll(":" + names.get(i) + "\\b", "\\$" + (i + 1));
        }
        assertThat(sql).as("every parameter numbered").doesNotContainPattern("[^:]:[a-zA-Z]");
        return "PREPARE " + name + "(" + String.join(", ", parameters.values()) + ") AS " + sql;
    }

    private record Session(Connection connection) implements AutoCloseable {

        /** The plan the session holds for a batch of {@link #BATCH} outcomes, half finished, half retrying. */
        QueryPlan plan() {
            String batch = IntStream.rangeClosed(1, BATCH).mapToObj(i -> "dlv_outcomes_" + i)
                    .collect(Collectors.joining(",", "'{", "}'"));
            String statuses = IntStream.rangeClosed(1, BATCH).mapToObj(i -> i % 2 == 0 ? "DELIVERED" : "PENDING")
                    .collect(Collectors.joining(",", "'{", "}'"));
            return explain("save_outcomes(" + batch + ", " + batch + ", " + statuses
                    + ", '{1}', '{}', '{200}', '{}', '{}', '{}', " + batch + ", '{}', '{1}', '{}', '{}', '{200}', '{5}', "
                    + "'{}', '{}')");
        }

        /** The plan the session holds for a claim of up to 50 deliveries, nothing busy. */
        QueryPlan claimPlan() {
            return explain("claim('{}', '{}', '{}', '{}', now() + interval '2 days', 4, 16, 50, "
                    + "now() + interval '2 days 1 minute', 'lease_plan')");
        }

        private QueryPlan explain(String execute) {
            try (Statement st = connection.createStatement();
                    ResultSet rs = st.executeQuery("EXPLAIN (FORMAT JSON) EXECUTE " + execute)) {
                rs.next();
                return QueryPlan.of(rs.getString(1));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            try {
                connection.close();
            } catch (SQLException e) {
                // a test's own connection: nothing to report
            }
        }
    }

    private static Map<String, String> parameters(String... nameThenType) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < nameThenType.length; i += 2) {
            parameters.put(nameThenType[i], nameThenType[i + 1]);
        }
        return parameters;
    }
}
