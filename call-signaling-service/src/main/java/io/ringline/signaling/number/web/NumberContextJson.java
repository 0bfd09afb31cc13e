package io.ringline.signaling.number.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.ringline.platform.web.ApiException;
import io.ringline.signaling.call.Provider;
import io.ringline.signaling.number.NumberAccount;

/** The gateway's {@code NumberContext} as JSON (same fields as the Avro record), sent with number-level requests. */
@JsonIgnoreProperties(ignoreUnknown = true)
record NumberContextJson(String numberId, String tenantId, String provider, String phone, String baseUrl,
        String accountId, String encryptedCredentials, Long version) {

    /** @throws ApiException 400 INVALID_REQUEST naming the missing field, or a number other than the path's */
    NumberAccount toAccount(String pathNumberId) {
        require(numberId, "number.numberId");
        if (!numberId.equals(pathNumberId)) {
            throw ApiException.invalid("number.numberId", "does not match the number in the path");
        }
        require(provider, "number.provider");
        Provider kind = switch (provider) {
            case "META" -> Provider.META;
            case "EVO_GO" -> Provider.EVO_GO;
            default -> null;
        };
        if (kind != null) {
            require(baseUrl, "number.baseUrl");
            require(accountId, "number.accountId");
            require(encryptedCredentials, "number.encryptedCredentials");
        }
        return new NumberAccount(numberId, tenantId, kind, phone, baseUrl, accountId, encryptedCredentials,
                version == null ? 0 : version);
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalid(field, "is required");
        }
    }
}
