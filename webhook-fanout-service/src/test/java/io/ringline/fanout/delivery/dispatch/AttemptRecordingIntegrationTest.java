package io.ringline.fanout.delivery.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.fanout.delivery.AttemptResult;
import io.ringline.fanout.delivery.ClaimedDelivery;
import io.ringline.fanout.delivery.Delivery;
import io.ringline.fanout.delivery.dispatch.AttemptCompletion.Finished;
import io.ringline.fanout.delivery.persistence.DeliveryRepository;
import io.ringline.fanout.subscription.EventName;
import io.ringline.fanout.subscription.EventSelection;
import io.ringline.fanout.subscription.NewSubscription;
import io.ringline.fanout.subscription.Subscription;
import io.ringline.fanout.subscription.AttemptStreak;
import io.ringline.fanout.subscription.persistence.SubscriptionRepository;
import io.ringline.fanout.support.FanoutIntegrationTest;
import io.ringline.platform.ids.Ids;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Recording finished attempts in batches: one transaction writes every attempt's log row, every delivery's state and
 * every endpoint's health; a batch that fails half-way leaves nothing behind, and its deliveries go out again with
 * their own event ids once the leases run out. The rows are due a day from now, so the running dispatcher (real
 * clock) leaves them to the test.
 */
class AttemptRecordingIntegrationTest extends FanoutIntegrationTest {

    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Everything a receiver's body may hold that array encoding could trip over. */
    /** The endpoints' lock, a statement of its own before their health; and the outcomes' statement with the log. */
    private static final String LOCK = "SELECT id FROM subscription WHERE id = ANY%FOR NO KEY UPDATE";
    private static final String LOG_AND_OUTCOMES = "WITH logged AS (%INSERT INTO delivery_attempts%UPDATE delivery d%";
    private static final String AWKWARD = "{\"a\":\"b, c\"} \\ back\\slash 'quote' NULL ünïcode";

    @Autowired
    AttemptCompletion completion;

    @Autowired
    MeterRegistry meters;

    @Autowired
    DeliveryRepository deliveries;

    @Autowired
    SubscriptionRepository subscriptions;

    final Instant dueAt = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
    final Instant now = dueAt.plusSeconds(1);

    private Subscription subscriptionWithDue(int count) {
        Subscription s = Subscription.create(newTenant(), new NewSubscription(null, "https://x.example.com",
                EventSelection.of(List.of("*")), List.of()), "v1.sealed", Instant.now());
        subscriptions.insert(s).block(WAIT);
        deliveries.insertAll(IntStream.range(0, count)
                .mapToObj(i -> Delivery.create(s.id(), s.tenantId(), Ids.newId("evt"), EventName.CALL_RINGING, "{}", dueAt))
                .toList()).block(WAIT);
        return s;
    }

    private List<ClaimedDelivery> claimOf(Instant at, Subscription... of) {
        List<String> ids = java.util.Arrays.stream(of).map(Subscription::id).toList();
        return deliveries.claim(at, LEASE, Ids.newId("lease"), 100, 4, Map.of()).block(WAIT).stream()
                .filter(c -> ids.contains(c.delivery().subscriptionId()))
                .sorted(Comparator.comparing(c -> c.delivery().id()))
                .toList();
    }

    private static Finished finished(ClaimedDelivery claimed, AttemptResult result) {
        return new Finished(claimed, result, result.attemptedAt().plus(result.duration()));
    }

    private String row(String sql, String id) {
        return db.sql(sql).bind(0, id).map(r -> String.valueOf(r.get(0))).one().block(WAIT);
    }

    @Test
    void oneBatchRecordsEveryAttemptDeliveryStateAndEndpointHealth() {
        Subscription healthy = subscriptionWithDue(2);
        Subscription failing = subscriptionWithDue(2);
        List<ClaimedDelivery> claimed = claimOf(now, healthy, failing);
        assertThat(claimed).hasSize(4);
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<Finished> batch = claimed.stream().map(c -> c.delivery().subscriptionId().equals(healthy.id())
                        ? finished(c, AttemptResult.response(at, Duration.ofMillis(12), 200, AWKWARD, null))
                        : c == claimed.stream().filter(x -> x.delivery().subscriptionId().equals(failing.id())).findFirst()
                                .orElseThrow()
                                ? finished(c, AttemptResult.response(at, Duration.ofMillis(5), 500, "", null))
                                : finished(c, AttemptResult.failure(at.plusMillis(1), Duration.ofMillis(3),
                                        "could not connect")))
                .toList();

        long locksBefore = executions(LOCK);
        long logAndOutcomesBefore = executions(LOG_AND_OUTCOMES);

        completion.recordBatch(batch).block(WAIT);

        // Two endpoints: locked in id order first; the log and the outcomes one statement (others may record too).
        assertThat(executions(LOCK) - locksBefore).isPositive();
        assertThat(executions(LOG_AND_OUTCOMES) - logAndOutcomesBefore).isPositive();
        for (ClaimedDelivery c : claimed) {
            String id = c.delivery().id();
            boolean ok = c.delivery().subscriptionId().equals(healthy.id());
            // Delivered: out of the queue. Failed: queued for its retry, lease dropped.
            assertThat(row("SELECT d.status || ':' || d.attempts || ':' || CASE WHEN q.delivery_id IS NULL THEN 'none' "
                    + "WHEN q.lease_token IS NULL AND q.locked_until IS NULL THEN 'queued' ELSE 'leased' END "
                    + "FROM delivery d LEFT JOIN delivery_queue q ON q.delivery_id = d.id WHERE d.id = $1", id))
                    .isEqualTo(ok ? "DELIVERED:1:none" : "PENDING:1:queued");
            assertThat(count("SELECT count(*) FROM delivery_attempts WHERE delivery_id = $1", id)).isEqualTo(1);
        }
        // Values that are null, empty or full of array syntax arrive as they were.
        List<String> logged = db.sql("SELECT a.status || '|' || coalesce(a.status_code::text, 'null') || '|' "
                        + "|| coalesce(a.response_excerpt, 'null') || '|' || coalesce(a.error, 'null') || '|' || a.duration_ms "
                        + "FROM delivery_attempts a WHERE a.subscription_id IN ($1, $2) ORDER BY a.id")
                .bind(0, healthy.id()).bind(1, failing.id())
                .map(r -> r.get(0, String.class)).all().collectList().block(WAIT);
        assertThat(logged).containsExactlyInAnyOrder(
                "SUCCESS|200|" + AWKWARD + "|null|12", "SUCCESS|200|" + AWKWARD + "|null|12",
                "FAILED|500||null|5", "FAILED|null|null|could not connect|3");
        // Endpoint health: the healthy one is not failing, the failing one's streak began at its first failure.
        assertThat(db.sql("SELECT failing_since IS NULL AS ok, last_triggered FROM subscription WHERE id = $1")
                .bind(0, healthy.id()).map(r -> r.get("ok", Boolean.class) + "@" + r.get("last_triggered", Instant.class))
                .one().block(WAIT)).isEqualTo("true@" + at);
        assertThat(db.sql("SELECT failing_since, last_triggered FROM subscription WHERE id = $1")
                .bind(0, failing.id()).map(r -> r.get("failing_since", Instant.class) + "@"
                        + r.get("last_triggered", Instant.class))
                .one().block(WAIT)).isEqualTo(at + "@" + at.plusMillis(1));
    }

    /**
     * One endpoint's health needs no lock statement before it: its UPDATE's own row lock is the whole order. Counted
     * by PostgreSQL; anything else recording meanwhile can only add executions, so 20 notes must run fewer than 20.
     */
    @Test
    void oneEndpointsHealthIsNotedWithoutASeparateLock() {
        Subscription s = subscriptionWithDue(0);
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long locksBefore = executions(LOCK);

        for (int i = 0; i < 20; i++) {
            subscriptions.noteAttempts(List.of(AttemptStreak.of(s.id(), false, at.plusMillis(i)))).block(WAIT);
        }

        assertThat(executions(LOCK) - locksBefore).isLessThan(20);
        assertThat(db.sql("SELECT failing_since, last_triggered FROM subscription WHERE id = $1")
                .bind(0, s.id()).map(r -> r.get("failing_since", Instant.class) + "@"
                        + r.get("last_triggered", Instant.class))
                .one().block(WAIT)).isEqualTo(at + "@" + at.plusMillis(19));
    }

    @Test
    void aBatchThatFailsHalfWayLeavesNothingAndItsDeliveriesGoOutAgainWithTheirOwnIds() {
        Subscription s = subscriptionWithDue(3);
        List<ClaimedDelivery> claimed = claimOf(now, s);
        assertThat(claimed).hasSize(3);
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        // The third attempt's excerpt cannot be stored (PostgreSQL text holds no NUL): the statement logging the
        // attempts fails after the endpoint's health was already updated in the same transaction.
        List<Finished> batch = List.of(
                finished(claimed.get(0), AttemptResult.response(at, Duration.ofMillis(4), 200, "ok", null)),
                finished(claimed.get(1), AttemptResult.response(at, Duration.ofMillis(4), 500, "no", null)),
                finished(claimed.get(2), AttemptResult.response(at, Duration.ofMillis(4), 200, "bad\u0000byte", null)));

        assertThatThrownBy(() -> completion.recordBatch(batch).block(WAIT)).isNotNull();

        assertThat(row("SELECT coalesce(last_triggered::text, 'never') FROM subscription WHERE id = $1", s.id()))
                .isEqualTo("never");
        for (ClaimedDelivery c : claimed) {
            assertThat(count("SELECT count(*) FROM delivery_attempts WHERE delivery_id = $1", c.delivery().id())).isZero();
            assertThat(row("SELECT d.status || ':' || d.attempts || ':' || q.lease_token FROM delivery d "
                    + "JOIN delivery_queue q ON q.delivery_id = d.id WHERE d.id = $1",
                    c.delivery().id())).isEqualTo("PENDING:0:" + c.leaseToken());
        }
        // Nobody else takes them while the lease holds; after it, the same deliveries (same event ids, the webhook-id)
        // come back, and this time their attempts are recorded once each.
        assertThat(claimOf(now.plusSeconds(30), s)).isEmpty();
        List<ClaimedDelivery> again = claimOf(now.plus(LEASE).plusSeconds(1), s);
        assertThat(again).extracting(c -> c.delivery().id() + "/" + c.delivery().eventId())
                .containsExactlyElementsOf(claimed.stream().map(c -> c.delivery().id() + "/" + c.delivery().eventId())
                        .toList());
        completion.recordBatch(again.stream()
                .map(c -> finished(c, AttemptResult.response(at, Duration.ofMillis(4), 200, "ok", null)))
                .toList()).block(WAIT);
        for (ClaimedDelivery c : again) {
            assertThat(row("SELECT status || ':' || attempts FROM delivery WHERE id = $1", c.delivery().id()))
                    .isEqualTo("DELIVERED:1");
            assertThat(count("SELECT count(*) FROM delivery_attempts WHERE delivery_id = $1", c.delivery().id()))
                    .isEqualTo(1);
        }
    }

    @Test
    void aLateAttemptInABatchChangesNothingWhileTheOthersAreSaved() {
        Subscription s = subscriptionWithDue(2);
        List<ClaimedDelivery> first = claimOf(now, s);
        assertThat(first).hasSize(2);
        // The first claimer stalls past its lease; another instance takes both over.
        List<ClaimedDelivery> takeover = claimOf(now.plus(LEASE).plusSeconds(1), s);
        assertThat(takeover).hasSize(2);
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        completion.recordBatch(List.of(
                finished(first.get(0), AttemptResult.response(at, Duration.ofMillis(4), 200, "late", null)),
                finished(takeover.get(1), AttemptResult.response(at, Duration.ofMillis(4), 200, "ok", null))))
                .block(WAIT);

        // The stale one is logged (it did reach the endpoint) but does not touch the delivery the new owner holds.
        assertThat(row("SELECT d.status || ':' || q.lease_token FROM delivery d "
                + "JOIN delivery_queue q ON q.delivery_id = d.id WHERE d.id = $1", first.get(0).delivery().id()))
                .isEqualTo("PENDING:" + takeover.get(0).leaseToken());
        assertThat(row("SELECT status FROM delivery WHERE id = $1", takeover.get(1).delivery().id())).isEqualTo("DELIVERED");
        assertThat(count("SELECT count(*) FROM delivery_attempts WHERE subscription_id = $1", s.id())).isEqualTo(2);
    }

    @Test
    void anAttemptOfADeliveryDeletedMeanwhileIsDroppedWithoutFailingItsBatch() {
        Subscription kept = subscriptionWithDue(1);
        Subscription deleted = subscriptionWithDue(1);
        List<ClaimedDelivery> claimed = claimOf(now, kept, deleted);
        assertThat(claimed).hasSize(2);
        db.sql("DELETE FROM subscription WHERE id = $1").bind(0, deleted.id()).then().block(WAIT);
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        completion.recordBatch(claimed.stream()
                .map(c -> finished(c, AttemptResult.response(at, Duration.ofMillis(4), 200, "ok", null)))
                .toList()).block(WAIT);

        assertThat(count("SELECT count(*) FROM delivery WHERE subscription_id = $1 AND status = 'DELIVERED'", kept.id()))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM delivery_attempts WHERE subscription_id = $1", kept.id())).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM delivery_attempts WHERE subscription_id = $1", deleted.id())).isZero();
    }

    /**
     * Why an attempt's outcome was not saved is told apart: a webhook deleted or an endpoint disabled mid-attempt is
     * the product working (DEBUG), only a lost lease is trouble (WARN); the metric counts each by its reason.
     */
    @Test
    void anAttemptOverTakenByADeleteOrACancelIsNotReportedAsALostLease() {
        Subscription deleted = subscriptionWithDue(1);
        Subscription disabled = subscriptionWithDue(1);
        Subscription overtaken = subscriptionWithDue(1);
        List<ClaimedDelivery> claimed = claimOf(now, deleted, disabled, overtaken);
        assertThat(claimed).hasSize(3);
        String deletedId = deliveryOf(claimed, deleted);
        String cancelledId = deliveryOf(claimed, disabled);
        String overtakenId = deliveryOf(claimed, overtaken);
        // While the attempts are out: a tenant deletes one webhook, another endpoint is disabled (its deliveries
        // cancelled), and the third delivery's lease runs out and is taken over.
        subscriptions.delete(deleted.tenantId(), deleted.id()).block(WAIT);
        deliveries.cancelAll(disabled.id(), "endpoint disabled: GONE", now).block(WAIT);
        List<ClaimedDelivery> takeover = claimOf(now.plus(LEASE).plusSeconds(1), overtaken);
        assertThat(takeover).hasSize(1);
        Map<String, Double> before = unsavedByReason();
        Logger logger = (Logger) LoggerFactory.getLogger(AttemptCompletion.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        Level level = logger.getLevel();
        lines.start();
        logger.addAppender(lines);
        logger.setLevel(Level.DEBUG);
        try {
            Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            completion.recordBatch(claimed.stream()
                    .map(c -> finished(c, AttemptResult.response(at, Duration.ofMillis(4), 200, "ok", null)))
                    .toList()).block(WAIT);
        } finally {
            logger.detachAppender(lines);
            logger.setLevel(level);
        }

        assertThat(lineAbout(lines, deletedId).getLevel()).isEqualTo(Level.DEBUG);
        assertThat(lineAbout(lines, deletedId).getFormattedMessage()).contains("its webhook was deleted");
        assertThat(lineAbout(lines, cancelledId).getLevel()).isEqualTo(Level.DEBUG);
        assertThat(lineAbout(lines, cancelledId).getFormattedMessage()).contains("its delivery was cancelled");
        assertThat(lineAbout(lines, overtakenId).getLevel()).isEqualTo(Level.WARN);
        assertThat(lineAbout(lines, overtakenId).getFormattedMessage()).contains("its lease was lost");
        Map<String, Double> after = unsavedByReason();
        for (String reason : List.of("webhook_deleted", "delivery_cancelled", "lease_lost")) {
            assertThat(after.getOrDefault(reason, 0.0) - before.getOrDefault(reason, 0.0)).as(reason).isEqualTo(1.0);
        }
        // Nothing of theirs was saved: the cancelled one stays cancelled, the overtaken one its new owner's.
        assertThat(row("SELECT status FROM delivery WHERE id = $1", cancelledId)).isEqualTo("CANCELLED");
        assertThat(row("SELECT d.status || ':' || q.lease_token FROM delivery d "
                + "JOIN delivery_queue q ON q.delivery_id = d.id WHERE d.id = $1", overtakenId))
                .isEqualTo("PENDING:" + takeover.getFirst().leaseToken());
    }

    private static String deliveryOf(List<ClaimedDelivery> claimed, Subscription s) {
        return claimed.stream().filter(c -> c.delivery().subscriptionId().equals(s.id())).findFirst().orElseThrow()
                .delivery().id();
    }

    private static ILoggingEvent lineAbout(ListAppender<ILoggingEvent> lines, String deliveryId) {
        List<ILoggingEvent> about = lines.list.stream()
                .filter(e -> e.getFormattedMessage().contains("deliveryId=" + deliveryId))
                .toList();
        assertThat(about).as("lines about %s", deliveryId).hasSize(1);
        return about.getFirst();
    }

    private Map<String, Double> unsavedByReason() {
        return meters.find("ringline.webhook.attempts.unsaved").counters().stream()
                .collect(java.util.stream.Collectors.toMap(c -> c.getId().getTag("reason"), c -> c.count()));
    }
}
