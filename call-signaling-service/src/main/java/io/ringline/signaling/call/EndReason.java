package io.ringline.signaling.call;

/** Why a call reached its terminal status (public as {@code endReason}). */
public enum EndReason {
    /** An answered call ended: either side hung up, or the business terminated it. */
    HANGUP,
    /** The caller gave up before anyone answered (business terminate on an outbound call, caller hang-up inbound). */
    CANCELLED,
    /** Declined: by the business (inbound) or by the WhatsApp user (outbound). */
    REJECTED,
    /** Rang until the ring timeout (outbound) or the accept window (inbound) ran out. */
    NO_ANSWER,
    /** The provider refused or failed a request for this call. */
    PROVIDER_ERROR,
    /** The provider did not answer within the configured timeout. */
    PROVIDER_TIMEOUT
}
