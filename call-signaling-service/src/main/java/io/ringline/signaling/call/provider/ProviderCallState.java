package io.ringline.signaling.call.provider;

import io.ringline.signaling.call.Direction;
import java.time.Instant;

/**
 * What a provider answers when asked about one call (reconciliation). {@code durationSeconds} is the provider's
 * own measure of an answered call, when it gives one; {@code direction}, {@code peerNumber} (E.164) and
 * {@code startedAt} describe the call as the provider knows it, null when it did not say — enough to rebuild an
 * offer that never reached Ringline.
 */
public record ProviderCallState(Phase phase, Integer durationSeconds, Direction direction, String peerNumber,
        Instant startedAt) {

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

    /** The provider does not know the call. */
    public static ProviderCallState unknownCall() {
        return new ProviderCallState(Phase.UNKNOWN_CALL, null, null, null, null);
    }

    /** Whether the provider knows the call at all (in any phase). */
    public boolean known() {
        return phase != Phase.UNKNOWN_CALL;
    }
}
