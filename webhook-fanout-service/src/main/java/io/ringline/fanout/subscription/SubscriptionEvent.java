package io.ringline.fanout.subscription;

/** What a subscription's transitions cause; switched exhaustively by {@link SubscriptionEffects}. */
public sealed interface SubscriptionEvent {

    String subscriptionId();

    /** The subscription stopped receiving: its pending deliveries are cancelled. */
    record Disabled(String subscriptionId, String tenantId, DisableReason reason) implements SubscriptionEvent {
    }

    /** The tenant switched it back on: new events match it again. */
    record Reactivated(String subscriptionId, String tenantId) implements SubscriptionEvent {
    }
}
