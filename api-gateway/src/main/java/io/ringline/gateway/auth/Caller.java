package io.ringline.gateway.auth;

import io.ringline.gateway.tenancy.ApiKey;
import io.ringline.gateway.tenancy.ApiKeyScope;

/**
 * Who is calling, as established from the {@code x-api-key} header; controllers receive it as the
 * request attribute {@link #ATTRIBUTE}.
 *
 * @param numberId the key's number for {@link ApiKeyScope#NUMBER} keys, else null
 */
public record Caller(String keyId, String tenantId, ApiKeyScope scope, String numberId) {

    public static final String ATTRIBUTE = "ringline.caller";

    static Caller of(ApiKey key) {
        return new Caller(key.id(), key.tenantId(), key.scope(), key.numberId());
    }

    public boolean isNumberScoped() {
        return scope == ApiKeyScope.NUMBER;
    }
}
