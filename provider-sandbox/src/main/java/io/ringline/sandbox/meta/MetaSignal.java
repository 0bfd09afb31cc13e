package io.ringline.sandbox.meta;

import java.time.Instant;

/** What a Meta call transition reports to the business's webhook; one record per webhook kind. */
public sealed interface MetaSignal {

    Instant at();

    /** Name used in the call journal: {@code connect}, {@code status:RINGING}, {@code terminate}. */
    String event();

    default boolean last() {
        return false;
    }

    /** {@code calls[].event = connect}: Meta's SDP offer (user-initiated) or answer (business-initiated). */
    record Connect(Instant at, String sdpType, String sdp) implements MetaSignal {
        @Override
        public String event() {
            return "connect";
        }
    }

    /** {@code statuses[]} of a business-initiated call: RINGING, ACCEPTED or REJECTED. */
    record Status(Instant at, String status) implements MetaSignal {
        @Override
        public String event() {
            return "status:" + status;
        }
    }

    /**
     * {@code calls[].event = terminate}; COMPLETED when the call had been answered (then with start, end and
     * duration), FAILED otherwise.
     */
    record Terminate(Instant at, String status, Instant startTime, Instant endTime, Long durationSeconds)
            implements MetaSignal {
        @Override
        public String event() {
            return "terminate";
        }

        @Override
        public boolean last() {
            return true;
        }
    }
}
