package io.ringline.signaling.number;

/** The business number a call belongs to, and therefore its tenant and provider. */
public record NumberRef(String numberId, String tenantId, Provider provider) {
}
