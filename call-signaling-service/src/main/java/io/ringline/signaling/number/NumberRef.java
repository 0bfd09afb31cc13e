package io.ringline.signaling.number;

/** The business number a call belongs to, and therefore its tenant and provider. */
public record NumberRef(String numberId, String tenantId, Provider provider) {

    public NumberRef {
        if (provider == null || !provider.supportsCalling()) {
            throw new IllegalArgumentException("number " + numberId + " has no calling provider: " + provider);
        }
    }
}
