package io.ringline.media.evogo;

/**
 * The number's context as the gateway sends it in internal request bodies (docs/internal-apis.md):
 * where its Evolution GO instance lives and its sealed credentials.
 */
public record NumberContextJson(String numberId, String tenantId, String provider, String phone, String baseUrl,
        String accountId, String encryptedCredentials, Long version) {
}
