package io.ringline.fanout.delivery;

/** Where a delivery stands. Only {@link #PENDING} deliveries are ever attempted. */
public enum DeliveryStatus {
    /** Waiting for its next attempt (first or retry). */
    PENDING,
    /** An attempt got a 2xx. */
    DELIVERED,
    /** Gave up: the retry schedule ran out, or the endpoint answered 410. */
    FAILED,
    /** The subscription was disabled before the delivery succeeded. */
    CANCELLED
}
