package io.ringline.gateway.tenancy;

import java.time.Instant;

/**
 * A tenant's WhatsApp business line on one provider.
 *
 * @param encryptedCredentials SecretBox envelope of the provider credentials JSON (docs/internal-apis.md);
 *                             exactly what travels in {@code NumberContext}
 * @param version              grows with every change, so replicas elsewhere keep the newest
 */
public record BusinessNumber(
        String id,
        String tenantId,
        String phone,
        String displayName,
        ProviderEndpoint endpoint,
        String encryptedCredentials,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    public ProviderKind provider() {
        return endpoint.provider();
    }

    @Override
    public String toString() {
        return "BusinessNumber[id=" + id + ", tenantId=" + tenantId + ", phone=" + phone + ", provider=" + provider()
                + ", version=" + version + "]";
    }
}
