package io.ringline.sandbox.evogo;

import java.time.Instant;

/** What a GO call transition tells the instance's webhook receiver; one record per GO call event. */
sealed interface GoSignal {

    Instant at();

    /** The GO webhook event name. */
    String event();

    /** True for the signal that ends the call; no signal follows it. */
    default boolean last() {
        return false;
    }

    /** An incoming call reached the instance. */
    record Offer(Instant at) implements GoSignal {
        @Override
        public String event() {
            return "CallOffer";
        }
    }

    /** An outgoing call is ringing at the user's phone. */
    record Ringing(Instant at) implements GoSignal {
        @Override
        public String event() {
            return "CallRinging";
        }
    }

    /** The call was answered (by the user for outgoing, by the business for incoming calls). */
    record Accepted(Instant at) implements GoSignal {
        @Override
        public String event() {
            return "CallAccept";
        }
    }

    /** The call was declined before it was answered. */
    record Rejected(Instant at) implements GoSignal {
        @Override
        public String event() {
            return "CallReject";
        }
    }

    /** The call ended; {@code durationSeconds} is the answered time, 0 when never answered. */
    record Terminated(Instant at, String reason, long durationSeconds) implements GoSignal {
        @Override
        public String event() {
            return "CallTerminate";
        }

        @Override
        public boolean last() {
            return true;
        }
    }
}
