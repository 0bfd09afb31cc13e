package io.ringline.signaling.call;

/** How a provider says an unanswered call ended; an answered call ends the same way whatever it says. */
public enum EndCause {
    /** Someone hung up. */
    HANGUP,
    /** The call was declined. */
    DECLINED,
    /** Nobody answered before the provider gave up. */
    TIMEOUT
}
