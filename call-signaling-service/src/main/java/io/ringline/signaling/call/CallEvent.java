package io.ringline.signaling.call;

import java.time.Instant;

/**
 * What a transition tells the world (a webhook each). Carries the call as it was right after the
 * transition, and the call's event sequence number (1, 2, 3 … per call).
 */
public sealed interface CallEvent {

    long sequence();

    Instant occurredAt();

    CallSnapshot call();

    /** Inbound call offered, or the user's phone started ringing. */
    record CallRinging(long sequence, Instant occurredAt, CallSnapshot call) implements CallEvent {
    }

    /** The call was answered. */
    record CallConnected(long sequence, Instant occurredAt, CallSnapshot call) implements CallEvent {
    }

    /** The call ended as COMPLETED, REJECTED or FAILED. */
    record CallEnded(long sequence, Instant occurredAt, CallSnapshot call) implements CallEvent {
    }

    /** An inbound call ended without being answered. */
    record CallMissed(long sequence, Instant occurredAt, CallSnapshot call) implements CallEvent {
    }

    /**
     * A file played into an EVO_GO call ended ({@code outcome} {@code finished|stopped|failed}), as the media bridge
     * reported it. Not a transition: the call's status is unchanged, but the event takes its place in the call's
     * sequence.
     */
    record PlayFinished(long sequence, Instant occurredAt, CallSnapshot call, String playId, String outcome)
            implements CallEvent {
    }
}
