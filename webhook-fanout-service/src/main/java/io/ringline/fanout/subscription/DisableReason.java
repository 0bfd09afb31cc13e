package io.ringline.fanout.subscription;

/** Why a subscription stopped receiving deliveries. */
public enum DisableReason {
    /** The endpoint answered 410 Gone. */
    GONE,
    /** The endpoint failed every attempt for longer than the configured period. */
    FAILING,
    /** The tenant set {@code active=false}. */
    BY_TENANT
}
