package io.ringline.signaling.call.provider;

/**
 * What a provider answers when asked about one call (reconciliation). {@code durationSeconds} is the provider's
 * own measure of an answered call, when it gives one.
 */
public record ProviderCallState(Phase phase, Integer durationSeconds) {

    /** The provider's view of the call. */
    public enum Phase {
        /** Still ringing at the provider. */
        RINGING,
        /** Answered and still up. */
        ACTIVE,
        /** Over at the provider. */
        ENDED,
        /** The provider does not know the call (any more). */
        UNKNOWN_CALL
    }
}
