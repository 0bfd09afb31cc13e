package io.ringline.signaling.call.provider;

import io.ringline.signaling.call.EndCause;
import java.time.Instant;

/** What one provider signal says, in provider-neutral terms. */
public sealed interface ProviderObservation {

    /** Something about one call, named by the provider's id for it. */
    sealed interface AboutCall extends ProviderObservation {
        String externalCallId();
    }

    /** A WhatsApp user calls the business. */
    record Offered(String externalCallId, String peerNumber, String peerRef, Instant offeredAt) implements AboutCall {
    }

    /** The user's phone rings. */
    record Ringing(String externalCallId) implements AboutCall {
    }

    /** The call was answered. */
    record Answered(String externalCallId) implements AboutCall {
    }

    /** The call was declined. */
    record Declined(String externalCallId) implements AboutCall {
    }

    /** The call is over; {@code durationSeconds} when the provider said. */
    record Ended(String externalCallId, EndCause cause, Integer durationSeconds) implements AboutCall {
    }

    /** The number's connection to WhatsApp changed ({@code open} / {@code close}). */
    record ConnectionChanged(String state) implements ProviderObservation {
    }

    /** A signal this service has nothing to do with. */
    record Irrelevant(String why) implements ProviderObservation {
    }
}
