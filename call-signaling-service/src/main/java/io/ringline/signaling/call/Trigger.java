package io.ringline.signaling.call;

/** Everything that can move a call: business actions (commands), provider reports (signals) and timers. */
public enum Trigger {
    /** The provider reports the user's phone is ringing. */
    PROVIDER_RINGING,
    /** The business pre-accepts an inbound call so media can start early (META only). */
    PRE_ACCEPT,
    /** The business answers an inbound call. */
    ACCEPT,
    /** The provider reports the call was answered: by the user (outbound) or on another device (inbound). */
    PEER_ANSWERED,
    /** The business declines an inbound call. */
    REJECT,
    /** The provider reports the call was declined. */
    DECLINED,
    /** The business hangs up. */
    TERMINATE,
    /** The provider reports the call ended (either side hung up). */
    HUNG_UP,
    /** Nobody answered in time: outbound ring timeout, inbound accept window, or the provider said so. */
    RING_TIMEOUT,
    /** A provider request for the call failed or timed out. */
    FAILURE,
    /**
     * Reconciliation settles a call whose provider went silent: the provider, asked, says it is over (or no longer
     * knows it), or it has not signalled within the configured age and cannot be asked (docs/webhooks.md).
     */
    RECONCILED
}
