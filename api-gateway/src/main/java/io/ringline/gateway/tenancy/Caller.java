package io.ringline.gateway.tenancy;

/**
 * Who is calling, as the security chain established it from {@code x-api-key} (or, on the Evolution GO layer, the GO
 * instance token): put in the exchange attribute {@link #ATTRIBUTE} after authentication, where controllers and the
 * filters behind the chain (rate limiting, idempotency) read it.
 *
 * @param numberId the key's number for {@link ApiKeyScope#NUMBER} keys, else null
 */
public record Caller(String keyId, String tenantId, ApiKeyScope scope, String numberId) {

    public static final String ATTRIBUTE = "ringline.caller";

    public static Caller of(ApiKey key) {
        return new Caller(key.id(), key.tenantId(), key.scope(), key.numberId());
    }

    public boolean isNumberScoped() {
        return scope == ApiKeyScope.NUMBER;
    }
}
