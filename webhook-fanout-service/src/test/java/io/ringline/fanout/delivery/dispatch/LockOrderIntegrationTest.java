package io.ringline.fanout.delivery.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringline.fanout.delivery.AttemptResult;
import io.ringline.fanout.delivery.ClaimedDelivery;
import io.ringline.fanout.delivery.Delivery;
import io.ringline.fanout.delivery.dispatch.AttemptCompletion.Finished;
import io.ringline.fanout.delivery.persistence.DeliveryRepository;
import io.ringline.fanout.subscription.EventName;
import io.ringline.fanout.subscription.EventSelection;
import io.ringline.fanout.subscription.NewSubscription;
import io.ringline.fanout.subscription.Subscription;
import io.ringline.fanout.subscription.persistence.SubscriptionRepository;
import io.ringline.fanout.support.FanoutIntegrationTest;
import io.ringline.platform.ids.Ids;
import io.ringline.platform.persistence.Transactions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Recording finished attempts (endpoint health, attempt log, delivery states) and fanning new events out to the
 * same endpoints (the call-events batch's multi-row delivery insert, whose foreign-key checks take KEY SHARE locks
 * on the subscription rows) run concurrently in many transactions, round after round, on the real PostgreSQL:
 * PostgreSQL must detect no deadlock, no transaction may fail, and every attempt must be recorded exactly once.
 * The inserts hand the endpoints over highest id first (a poll whose first events match only a later endpoint), so
 * the lowest endpoint is reached last. All rows are due tomorrow or later, so the running dispatcher (real clock)
 * leaves them to the test; the endpoints are deleted at the end.
 */
class LockOrderIntegrationTest extends FanoutIntegrationTest {

    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int ENDPOINTS = 8;
    private static final int ROUNDS = 60;
    private static final int RECORDERS = 3;
    private static final int INSERTERS = 3;
    /** Attempts of each endpoint in one recorder's batch. */
    private static final int PER_ENDPOINT = 2;
    /** Events of one inserter's batch, each reaching every endpoint. */
    private static final int EVENTS = 10;

    @Autowired
    AttemptCompletion completion;

    @Autowired
    DeliveryRepository deliveries;

    @Autowired
    SubscriptionRepository subscriptions;

    @Autowired
    Transactions transactions;

    final Instant dueAt = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
    final Instant now = dueAt.plusSeconds(1);
    /** Fanned-out deliveries are due after {@link #now}, so the next round's claim does not take them. */
    final Instant fannedOutDueAt = dueAt.plus(1, ChronoUnit.DAYS);

    @Test
    void recordingAttemptsWhileFanningOutToTheSameEndpointsNeverDeadlocks() {
        String tenant = newTenant();
        List<Subscription> endpoints = IntStream.range(0, ENDPOINTS).mapToObj(i -> {
            Subscription s = Subscription.create(tenant, new NewSubscription(null, "https://x.example.com",
                    EventSelection.of(List.of("*")), List.of()), "v1.sealed", Instant.now());
            subscriptions.insert(s).block(WAIT);
            return s;
        }).sorted(Comparator.comparing(Subscription::id)).toList();
        Set<String> endpointIds = endpoints.stream().map(Subscription::id).collect(Collectors.toSet());
        List<Subscription> highestFirst = endpoints.reversed();

        long deadlocksBefore = databaseStat("deadlocks");
        long transactionsBefore = databaseStat("xact_commit + xact_rollback");
        List<String> attempted = new ArrayList<>();
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        int concurrentTransactions = 0;

        for (int round = 0; round < ROUNDS; round++) {
            deliveries.insertAll(endpoints.stream()
                    .flatMap(s -> IntStream.range(0, RECORDERS * PER_ENDPOINT).mapToObj(i -> Delivery.create(s.id(),
                            tenant, Ids.newId("evt"), EventName.CALL_RINGING, "{}", dueAt)))
                    .toList()).block(WAIT);
            Map<String, List<ClaimedDelivery>> claimed = deliveries.claim(now, LEASE, Ids.newId("lease"), 10_000,
                            RECORDERS * PER_ENDPOINT, Map.of()).block(WAIT).stream()
                    .filter(c -> endpointIds.contains(c.delivery().subscriptionId()))
                    .collect(Collectors.groupingBy(c -> c.delivery().subscriptionId()));
            assertThat(claimed.values()).allSatisfy(ofOne -> assertThat(ofOne).hasSize(RECORDERS * PER_ENDPOINT));
            assertThat(claimed).hasSize(ENDPOINTS);

            List<Mono<?>> work = new ArrayList<>();
            for (int r = 0; r < RECORDERS; r++) {
                int from = r * PER_ENDPOINT;
                List<Finished> batch = claimed.values().stream()
                        .flatMap(ofOne -> ofOne.subList(from, from + PER_ENDPOINT).stream())
                        .map(c -> {
                            Instant at = Instant.now();
                            return new Finished(c, AttemptResult.response(at, Duration.ofMillis(3), 200, "ok", null),
                                    at.plusMillis(3));
                        })
                        .toList();
                batch.forEach(f -> attempted.add(f.claimed().delivery().id()));
                work.add(completion.recordBatch(batch));
            }
            for (int i = 0; i < INSERTERS; i++) {
                List<String> eventIds = IntStream.range(0, EVENTS).mapToObj(e -> Ids.newId("evt")).toList();
                List<Delivery> fannedOut = new ArrayList<>();
                for (Subscription s : highestFirst) {
                    for (String eventId : eventIds) {
                        fannedOut.add(Delivery.create(s.id(), tenant, eventId, EventName.CALL_RINGING, "{}",
                                fannedOutDueAt));
                    }
                }
                work.add(transactions.inTransaction(() -> deliveries.insertAll(fannedOut)));
            }
            concurrentTransactions += work.size();
            Flux.fromIterable(work)
                    .flatMap(w -> w.then().onErrorResume(e -> {
                        errors.add(e);
                        return Mono.empty();
                    }), work.size())
                    .then()
                    .block(WAIT);
        }

        // Backends publish their statistics shortly after they go idle; wait until the transaction counters include
        // at least as many transactions as the test ran. A deadlock's victim fails with an error (not retried), so
        // the errors are the direct signal and the counter a second one.
        long ran = concurrentTransactions;
        await().atMost(WAIT).until(() -> databaseStat("xact_commit + xact_rollback") - transactionsBefore >= ran);
        assertThat(databaseStat("deadlocks") - deadlocksBefore)
                .as("deadlocks PostgreSQL detected; transactions that failed: %s, first: %s", errors.size(),
                        errors.isEmpty() ? "none" : errors.getFirst().getMessage())
                .isZero();
        assertThat(errors).isEmpty();

        // Every attempt recorded exactly once: one log row, its delivery delivered after one attempt.
        String endpointList = endpoints.stream().map(s -> "'" + s.id() + "'").collect(Collectors.joining(","));
        assertThat(count("SELECT count(*) FROM delivery_attempts WHERE subscription_id IN (" + endpointList + ")"))
                .isEqualTo(attempted.size());
        assertThat(count("SELECT count(DISTINCT delivery_id) FROM delivery_attempts WHERE subscription_id IN ("
                + endpointList + ")")).isEqualTo(attempted.size());
        assertThat(count("SELECT count(*) FROM delivery WHERE subscription_id IN (" + endpointList + ") "
                + "AND status = 'DELIVERED' AND attempts = 1 "
                + "AND NOT EXISTS (SELECT 1 FROM delivery_queue q WHERE q.delivery_id = delivery.id)"))
                .isEqualTo(attempted.size());
        // Every fanned-out delivery stored once.
        assertThat(count("SELECT count(*) FROM delivery WHERE subscription_id IN (" + endpointList + ") "
                + "AND status = 'PENDING'")).isEqualTo((long) ROUNDS * INSERTERS * EVENTS * ENDPOINTS);
        db.sql("DELETE FROM subscription WHERE id IN (" + endpointList + ")").fetch().rowsUpdated().block(WAIT);
    }

    private long databaseStat(String expression) {
        return db.sql("SELECT " + expression + " AS v FROM pg_stat_database WHERE datname = current_database()")
                .map(row -> row.get("v", Long.class))
                .one()
                .block(WAIT);
    }
}
