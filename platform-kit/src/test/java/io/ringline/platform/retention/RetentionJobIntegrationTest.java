package io.ringline.platform.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ringline.infra.InfraProperties;
import io.ringline.platform.KitTestApplication;
import io.ringline.platform.persistence.ProcessedMessages;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The retention job against the real PostgreSQL: it prunes only what is past the period (by the injected
 * clock), in bounded batches of one transaction each, stops a run at its batch budget, counts what it pruned
 * and survives a failing rule.
 */
@SpringBootTest(classes = KitTestApplication.class, properties = {
        "spring.config.name=kit-test", "ringline.retention.enabled=false"})
class RetentionJobIntegrationTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final Duration PERIOD = Duration.ofDays(30);

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        InfraProperties.register(registry);
    }

    @Autowired
    DatabaseClient db;
    @Autowired
    TransactionalOperator tx;
    @Autowired
    RetentionJob job;
    @Autowired
    ProcessedMessages processed;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final String tag = UUID.randomUUID().toString();

    @BeforeEach
    void probeTable() {
        db.sql("CREATE TABLE IF NOT EXISTS retention_probe (id BIGSERIAL PRIMARY KEY, tag TEXT NOT NULL, "
                + "created_at TIMESTAMPTZ NOT NULL)").then().block();
    }

    @Test
    void prunesOnlyExpiredRowsInBatchesOfOneTransactionEach() {
        insert(25, NOW.minus(PERIOD).minusSeconds(1));
        insert(5, NOW.minus(PERIOD).plusSeconds(1));
        Recording rule = new Recording(probeRule());

        Map<String, Long> pruned = job(List.of(rule), 10, 100).runOnce().block();

        assertThat(pruned).containsEntry("retention_probe", 25L);
        assertThat(rule.batches).containsExactly(10L, 10L, 5L);
        assertThat(rule.transactions).as("one transaction per batch").doesNotHaveDuplicates().hasSize(3);
        assertThat(left()).as("the younger rows stay").isEqualTo(5);
        assertThat(meters.get("ringline.retention.pruned").tag("table", "retention_probe").counter().count())
                .isEqualTo(25.0);
    }

    @Test
    void aRunStopsAtItsBatchBudgetAndTheNextRunTakesTheRest() {
        insert(25, NOW.minus(PERIOD).minus(Duration.ofDays(1)));
        RetentionJob job = job(List.of(probeRule()), 10, 2);

        assertThat(job.runOnce().block()).containsEntry("retention_probe", 20L);
        assertThat(left()).isEqualTo(5);
        assertThat(job.runOnce().block()).containsEntry("retention_probe", 5L);
        assertThat(left()).isZero();
    }

    @Test
    void aFailingRuleIsCountedAndTheOthersStillRun() {
        insert(3, NOW.minus(PERIOD).minus(Duration.ofDays(1)));
        RetentionRule broken = RetentionRule.sql(db, "broken", PERIOD, "DELETE FROM no_such_table WHERE :cutoff < now() "
                + "AND :limit > 0");

        Map<String, Long> pruned = job(List.of(broken, probeRule()), 10, 100).runOnce().block();

        assertThat(pruned).containsEntry("broken", 0L).containsEntry("retention_probe", 3L);
        assertThat(meters.get("ringline.retention.failures").tag("table", "broken").counter().count()).isEqualTo(1.0);
        assertThat(left()).isZero();
    }

    @Test
    void processedMessageIdsPastTheirRetentionAreForgotten() {
        String old = "old-" + tag;
        String recent = "recent-" + tag;
        processed.firstDelivery("kit-prune", old).block();
        processed.firstDelivery("kit-prune", recent).block();
        db.sql("UPDATE processed_messages SET processed_at = now() - interval '8 days' WHERE message_id = :m")
                .bind("m", old).fetch().rowsUpdated().block();

        job.runOnce().block();

        assertThat(processed.firstDelivery("kit-prune", old).block()).as("forgotten, so new again").isTrue();
        assertThat(processed.firstDelivery("kit-prune", recent).block()).as("still remembered").isFalse();
    }

    private RetentionRule probeRule() {
        // Scoped to this test's rows, so tests sharing the table do not count each other's.
        return RetentionRule.sql(db, "retention_probe", PERIOD, "DELETE FROM retention_probe WHERE id IN ("
                + "SELECT id FROM retention_probe WHERE tag = '" + tag + "' AND created_at < :cutoff "
                + "ORDER BY created_at, id LIMIT :limit FOR UPDATE SKIP LOCKED)");
    }

    private RetentionJob job(List<RetentionRule> rules, int batchSize, int maxBatches) {
        RetentionProperties props = new RetentionProperties(true, Duration.ofHours(1), Duration.ofHours(1), batchSize,
                maxBatches);
        return new RetentionJob(rules, tx, Clock.fixed(NOW, ZoneOffset.UTC), props, meters);
    }

    private void insert(int rows, Instant createdAt) {
        db.sql("INSERT INTO retention_probe (tag, created_at) SELECT :tag, :at FROM generate_series(1, :n)")
                .bind("tag", tag).bind("at", createdAt.truncatedTo(ChronoUnit.MICROS)).bind("n", rows)
                .then().block();
    }

    private long left() {
        return db.sql("SELECT count(*) AS n FROM retention_probe WHERE tag = :tag").bind("tag", tag)
                .map(row -> row.get("n", Long.class)).one().block();
    }

    /** Wraps a rule to record each batch's count and the transaction it ran in. */
    private final class Recording implements RetentionRule {
        final List<Long> batches = new CopyOnWriteArrayList<>();
        final List<Long> transactions = new CopyOnWriteArrayList<>();
        private final RetentionRule rule;

        Recording(RetentionRule rule) {
            this.rule = rule;
        }

        @Override
        public String table() {
            return rule.table();
        }

        @Override
        public Duration period() {
            return rule.period();
        }

        @Override
        public Mono<Long> pruneBatch(Instant cutoff, int limit) {
            return db.sql("SELECT txid_current() AS tx").map(row -> row.get("tx", Long.class)).one()
                    .doOnNext(transactions::add)
                    .then(rule.pruneBatch(cutoff, limit))
                    .doOnNext(batches::add);
        }
    }
}
