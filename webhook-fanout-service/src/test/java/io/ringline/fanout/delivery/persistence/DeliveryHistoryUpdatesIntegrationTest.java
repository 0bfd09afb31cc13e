package io.ringline.fanout.delivery.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.fanout.delivery.AttemptResult;
import io.ringline.fanout.delivery.ClaimedDelivery;
import io.ringline.fanout.delivery.Delivery;
import io.ringline.fanout.delivery.RetryPolicy;
import io.ringline.fanout.delivery.persistence.DeliveryRepository.LeasedOutcome;
import io.ringline.fanout.subscription.EventName;
import io.ringline.fanout.subscription.EventSelection;
import io.ringline.fanout.subscription.NewSubscription;
import io.ringline.fanout.subscription.Subscription;
import io.ringline.fanout.subscription.persistence.SubscriptionRepository;
import io.ringline.fanout.support.FanoutIntegrationTest;
import io.ringline.platform.ids.Ids;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Why the history's cost does not grow with it (V7): a delivery's row in {@code delivery} is written once and its
 * outcome updated in place without a new index entry (a HOT update), while the claim's churn — insert, lease, delete
 * — is in the small {@code delivery_queue}. A non-HOT update would leave a dead entry in every index of a table that
 * keeps weeks of deliveries, and VACUUM would read those indexes whole to remove them (docs/performance.md "Seeded
 * history after the step"). Counted by PostgreSQL itself ({@code pg_stat_xact_user_tables}, this transaction's own
 * counts), for the worst case: every delivery of a batch, rows that share pages, finished in one transaction.
 */
class DeliveryHistoryUpdatesIntegrationTest extends FanoutIntegrationTest {

    private static final int BATCH = 200;
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** About the size of a real call event's payload (docs/webhooks.md), so the rows are shaped like production's. */
    private static final String PAYLOAD = "{\"type\":\"call.ended\",\"data\":{\"padding\":\"" + "x".repeat(700) + "\"}}";

    @Autowired
    DeliveryRepository deliveries;

    @Autowired
    SubscriptionRepository subscriptions;

    @Autowired
    TransactionalOperator tx;

    @Test
    void finishingABatchOfDeliveriesUpdatesTheHistoryInPlaceAndEmptiesTheQueue() {
        // Due a day from now, so the running dispatcher (real clock) leaves them to the test.
        Instant dueAt = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        Subscription s = Subscription.create(newTenant(), new NewSubscription(null, "https://x.example.com",
                EventSelection.of(List.of("*")), List.of()), "v1.sealed", Instant.now());
        subscriptions.insert(s).block(WAIT);
        deliveries.insertAll(IntStream.range(0, BATCH)
                .mapToObj(i -> Delivery.create(s.id(), s.tenantId(), Ids.newId("evt"), EventName.CALL_ENDED, PAYLOAD,
                        dueAt))
                .toList()).block(WAIT);
        assertThat(count("SELECT count(*) FROM delivery_queue WHERE subscription_id = $1", s.id())).isEqualTo(BATCH);

        Instant now = dueAt.plusSeconds(1);
        List<ClaimedDelivery> claimed = deliveries.claim(now, Duration.ofMinutes(1), Ids.newId("lease"), BATCH, BATCH,
                Map.of()).block(WAIT).stream().filter(c -> c.delivery().subscriptionId().equals(s.id())).toList();
        assertThat(claimed).hasSize(BATCH);
        RetryPolicy policy = new RetryPolicy(List.of(Duration.ofMinutes(1)), 0, Duration.ofHours(1));
        List<LeasedOutcome> outcomes = claimed.stream().map(c -> {
            Delivery d = Delivery.restore(c.delivery());
            d.recordAttempt(AttemptResult.response(now, Duration.ofMillis(5), 200, "ok", null), now, policy);
            return new LeasedOutcome(d, c.leaseToken());
        }).toList();

        long[] updated = tx.transactional(deliveries.saveOutcomes(outcomes)
                        .flatMap(saved -> {
                            assertThat(saved).hasSize(BATCH);
                            return db.sql("SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_xact_user_tables "
                                            + "WHERE schemaname = 'fanout' AND relname = 'delivery'")
                                    .map(row -> new long[] {row.get(0, Long.class), row.get(1, Long.class)})
                                    .one();
                        }))
                .switchIfEmpty(Mono.error(new AssertionError("no statistics for fanout.delivery")))
                .block(WAIT);

        assertThat(updated[0]).as("history rows updated").isEqualTo(BATCH);
        assertThat(updated[1]).as("of which in place (HOT): no new index entries").isEqualTo(BATCH);
        assertThat(count("SELECT count(*) FROM delivery WHERE subscription_id = $1 AND status = 'DELIVERED'", s.id()))
                .isEqualTo(BATCH);
        assertThat(count("SELECT count(*) FROM delivery_queue WHERE subscription_id = $1", s.id())).isZero();
        db.sql("DELETE FROM subscription WHERE id = $1").bind(0, s.id()).then().block(WAIT);
    }
}
