package io.ringline.signaling.call;

/** How a provider says a call ended; for an answered call only a failure makes a difference. */
public enum EndCause {
    /** Someone hung up. */
    HANGUP,
    /** The call was declined. */
    DECLINED,
    /** Nobody answered before the provider gave up. */
    TIMEOUT,
    /** The provider lost the call (connection lost, error): a failure, answered or not. */
    FAILURE
}
