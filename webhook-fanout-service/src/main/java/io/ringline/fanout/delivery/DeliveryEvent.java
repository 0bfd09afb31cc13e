package io.ringline.fanout.delivery;

import java.time.Instant;

/** What an attempt did to a delivery; switched exhaustively where metrics, logs and subscriptions react. */
public sealed interface DeliveryEvent {

    String deliveryId();

    int attempt();

    record Delivered(String deliveryId, int attempt) implements DeliveryEvent {
    }

    record RetryScheduled(String deliveryId, int attempt, Instant nextAttemptAt) implements DeliveryEvent {
    }

    /** The schedule is exhausted: the delivery is FAILED. */
    record GaveUp(String deliveryId, int attempt) implements DeliveryEvent {
    }

    /** 410 Gone: the delivery is FAILED and its subscription must be disabled. */
    record EndpointGone(String deliveryId, int attempt) implements DeliveryEvent {
    }
}
