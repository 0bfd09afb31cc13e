package io.ringline.fanout.delivery;

import io.ringline.fanout.subscription.EventName;
import io.ringline.platform.ids.Ids;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One event on its way to one subscription. The payload is fixed at creation; attempts move the
 * delivery on according to {@link AttemptVerdict} and the {@link RetryPolicy}, and return what they caused.
 */
public final class Delivery {

    /**
     * Everything persisted about a delivery.
     *
     * @param attempts   every attempt made, across rounds: the next attempt's number is {@code attempts + 1}
     * @param roundStart attempts made before the current round (a replay or manual retry starts a new one, with a
     *                   fresh retry schedule); 0 for a delivery never requeued
     */
    public record Snapshot(String id, String subscriptionId, String tenantId, String eventId, EventName event,
            String payload, DeliveryStatus status, int attempts, int roundStart, Instant nextAttemptAt,
            Integer lastStatusCode,
            String lastError, Instant createdAt, Instant updatedAt, Instant completedAt) {
    }

    private Snapshot state;

    private Delivery(Snapshot state) {
        this.state = state;
    }

    /** A new delivery, due at once. */
    public static Delivery create(String subscriptionId, String tenantId, String eventId, EventName event,
            String payload, Instant now) {
        return new Delivery(new Snapshot(Ids.newId("dlv"), subscriptionId, tenantId, eventId, event, payload,
                DeliveryStatus.PENDING, 0, 0, now, null, null, now, now, null));
    }

    public static Delivery restore(Snapshot snapshot) {
        return new Delivery(snapshot);
    }

    public Snapshot snapshot() {
        return state;
    }

    /**
     * Applies one attempt's result.
     *
     * @param now when the attempt finished; retries are scheduled from here
     * @throws IllegalStateException if the delivery is no longer pending
     */
    public DeliveryEvent recordAttempt(AttemptResult result, Instant now, RetryPolicy policy) {
        Snapshot s = state;
        if (s.status() != DeliveryStatus.PENDING) {
            throw new IllegalStateException("delivery " + s.id() + " is " + s.status() + ", not PENDING");
        }
        int attempt = s.attempts() + 1;
        DeliveryEvent event = switch (result.verdict()) {
            case SUCCESS -> new DeliveryEvent.Delivered(s.id(), attempt);
            case GONE -> new DeliveryEvent.EndpointGone(s.id(), attempt);
            case RETRY -> {
                Duration retryAfter = AttemptVerdict.honoursRetryAfter(result.statusCode()) ? result.retryAfter() : null;
                // The schedule restarts with each round; the attempt's number does not.
                Optional<Duration> pause = policy.pauseAfter(attempt - s.roundStart(), retryAfter);
                yield pause.<DeliveryEvent>map(p -> new DeliveryEvent.RetryScheduled(s.id(), attempt, now.plus(p)))
                        .orElseGet(() -> new DeliveryEvent.GaveUp(s.id(), attempt));
            }
        };
        DeliveryStatus status = switch (event) {
            case DeliveryEvent.Delivered d -> DeliveryStatus.DELIVERED;
            case DeliveryEvent.RetryScheduled r -> DeliveryStatus.PENDING;
            case DeliveryEvent.GaveUp g -> DeliveryStatus.FAILED;
            case DeliveryEvent.EndpointGone g -> DeliveryStatus.FAILED;
        };
        Instant next = event instanceof DeliveryEvent.RetryScheduled r ? r.nextAttemptAt() : s.nextAttemptAt();
        state = new Snapshot(s.id(), s.subscriptionId(), s.tenantId(), s.eventId(), s.event(), s.payload(), status,
                attempt, s.roundStart(), next, result.statusCode(), result.error(), s.createdAt(), now,
                status == DeliveryStatus.PENDING ? null : now);
        return event;
    }
}
