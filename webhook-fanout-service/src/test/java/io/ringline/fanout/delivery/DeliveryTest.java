package io.ringline.fanout.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringline.fanout.subscription.EventName;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The delivery's transition table: (attempts so far, response) → (status, event). */
class DeliveryTest {

    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    static final RetryPolicy POLICY = new RetryPolicy(
            List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30)), 0.2, Duration.ofHours(24),
            () -> 0.5);

    static Delivery pendingAfter(int attempts) {
        Delivery d = Delivery.create("wh_1", "ten_1", "evt_1", EventName.CALL_RINGING, "{}", T0);
        for (int i = 0; i < attempts; i++) {
            d.recordAttempt(AttemptResult.response(T0, Duration.ofMillis(5), 500, "", null), T0, POLICY);
        }
        return d;
    }

    @ParameterizedTest(name = "after {0} attempts, {1} → {2} / {3}")
    @CsvSource({
            "0, 200, DELIVERED, Delivered",
            "0, 500, PENDING, RetryScheduled",
            "2, 500, PENDING, RetryScheduled",
            "3, 500, FAILED, GaveUp",
            "0, 410, FAILED, EndpointGone",
            "2, 204, DELIVERED, Delivered",
            "0, , PENDING, RetryScheduled",
            "3, , FAILED, GaveUp"})
    void transitions(int attemptsBefore, Integer status, DeliveryStatus after, String event) {
        Delivery delivery = pendingAfter(attemptsBefore);
        AttemptResult result = status == null
                ? AttemptResult.failure(T0, Duration.ofSeconds(15), "timed out")
                : AttemptResult.response(T0, Duration.ofMillis(5), status, "", null);

        DeliveryEvent caused = delivery.recordAttempt(result, T0, POLICY);

        assertThat(caused.getClass().getSimpleName()).isEqualTo(event);
        assertThat(caused.attempt()).isEqualTo(attemptsBefore + 1);
        assertThat(delivery.snapshot().status()).isEqualTo(after);
        assertThat(delivery.snapshot().attempts()).isEqualTo(attemptsBefore + 1);
        assertThat(delivery.snapshot().lastStatusCode()).isEqualTo(status);
        assertThat(delivery.snapshot().completedAt()).isEqualTo(after == DeliveryStatus.PENDING ? null : T0);
    }

    @Test
    void schedulesTheRetryFromWhenTheAttemptEnded() {
        Delivery delivery = pendingAfter(1);
        Instant ended = T0.plusSeconds(20);
        DeliveryEvent caused = delivery.recordAttempt(AttemptResult.response(T0, Duration.ZERO, 500, "", null), ended,
                POLICY);
        assertThat(caused).isEqualTo(new DeliveryEvent.RetryScheduled(delivery.snapshot().id(), 2,
                ended.plus(Duration.ofMinutes(5))));
        assertThat(delivery.snapshot().nextAttemptAt()).isEqualTo(ended.plus(Duration.ofMinutes(5)));
    }

    @Test
    void retryAfterCountsOnlyOn429And503() {
        Delivery throttled = pendingAfter(0);
        DeliveryEvent e1 = throttled.recordAttempt(
                AttemptResult.response(T0, Duration.ZERO, 429, "", Duration.ofMinutes(2)), T0, POLICY);
        assertThat(((DeliveryEvent.RetryScheduled) e1).nextAttemptAt()).isEqualTo(T0.plus(Duration.ofMinutes(2)));

        Delivery broken = pendingAfter(0);
        DeliveryEvent e2 = broken.recordAttempt(
                AttemptResult.response(T0, Duration.ZERO, 500, "", Duration.ofMinutes(2)), T0, POLICY);
        assertThat(((DeliveryEvent.RetryScheduled) e2).nextAttemptAt()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void aFinishedDeliveryTakesNoMoreAttempts() {
        Delivery delivery = pendingAfter(0);
        delivery.recordAttempt(AttemptResult.response(T0, Duration.ZERO, 200, "", null), T0, POLICY);
        assertThatThrownBy(() -> delivery.recordAttempt(AttemptResult.response(T0, Duration.ZERO, 200, "", null), T0,
                POLICY)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aNewRoundRestartsTheScheduleButTheAttemptNumbersGoOn() {
        Delivery gaveUp = pendingAfter(4); // the first attempt and the schedule's three retries: FAILED
        Delivery.Snapshot s = gaveUp.snapshot();
        assertThat(s.status()).isEqualTo(DeliveryStatus.FAILED);
        // What a replay or manual retry stores: pending again, a new round from the attempts made so far.
        Delivery requeued = Delivery.restore(new Delivery.Snapshot(s.id(), s.subscriptionId(), s.tenantId(),
                s.eventId(), s.event(), s.payload(), DeliveryStatus.PENDING, s.attempts(), s.attempts(), T0, null, null,
                s.createdAt(), T0, null));

        DeliveryEvent fifth = requeued.recordAttempt(AttemptResult.response(T0, Duration.ZERO, 500, "", null), T0,
                POLICY);

        assertThat(fifth).isInstanceOf(DeliveryEvent.RetryScheduled.class); // the round's first retry, not a give-up
        assertThat(fifth.attempt()).isEqualTo(5);
        assertThat(((DeliveryEvent.RetryScheduled) fifth).nextAttemptAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(requeued.snapshot().attempts()).isEqualTo(5);
        assertThat(requeued.snapshot().roundStart()).isEqualTo(4);
    }
}
