package io.ringline.signaling.call;

import java.util.Objects;

/**
 * Why a call reached its terminal status (public as {@code endReason}): one of Ringline's own reasons
 * below, or a provider's error code for the failure it reported ({@code META_138021}). A value type
 * rather than an enum because provider codes are open-ended.
 */
public record EndReason(String code) {

    /** An answered call ended: either side hung up, or the business terminated it. */
    public static final EndReason HANGUP = new EndReason("HANGUP");
    /** The caller gave up before anyone answered (business terminate on an outbound call, caller hang-up inbound). */
    public static final EndReason CANCELLED = new EndReason("CANCELLED");
    /** Declined: by the business (inbound) or by the WhatsApp user (outbound). */
    public static final EndReason REJECTED = new EndReason("REJECTED");
    /** Rang until the ring timeout (outbound) or the accept window (inbound) ran out. */
    public static final EndReason NO_ANSWER = new EndReason("NO_ANSWER");
    /** The provider refused or failed a request for this call. */
    public static final EndReason PROVIDER_ERROR = new EndReason("PROVIDER_ERROR");
    /** Ringline did not ask the provider: too many requests for the number were already in progress. */
    public static final EndReason PROVIDER_BUSY = new EndReason("PROVIDER_BUSY");
    /** The provider did not answer within the configured timeout. */
    public static final EndReason PROVIDER_TIMEOUT = new EndReason("PROVIDER_TIMEOUT");

    /**
     * The provider's report of the end never arrived: reconciliation settled the call, after the provider said
     * it was over or after its silence outlasted the configured age (docs/webhooks.md "Reconciliation").
     */
    public static final EndReason SIGNAL_LOST = new EndReason("SIGNAL_LOST");

    public EndReason {
        Objects.requireNonNull(code, "code");
        if (code.isBlank()) {
            throw new IllegalArgumentException("empty end reason");
        }
    }

    /** A failure the provider named by its own error code, e.g. {@code META_138021}. */
    public static EndReason providerCode(String providerPrefix, long code) {
        return new EndReason(providerPrefix + "_" + code);
    }

    /** Reads a stored reason back. */
    public static EndReason valueOf(String code) {
        return new EndReason(code);
    }

    /** The wire and storage form (kept named like an enum's, which this used to be). */
    public String name() {
        return code;
    }

    @Override
    public String toString() {
        return code;
    }
}
