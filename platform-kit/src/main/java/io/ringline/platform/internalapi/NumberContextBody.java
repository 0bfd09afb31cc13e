package io.ringline.platform.internalapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A number's context as the gateway sends it with number-level and media requests: the same fields as the Avro
 * {@code NumberContext}, credentials still sealed (docs/internal-apis.md "Credentials on the wire").
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NumberContextBody(String numberId, String tenantId, String provider, String phone, String baseUrl,
        String accountId, String encryptedCredentials, Long version) {
}
