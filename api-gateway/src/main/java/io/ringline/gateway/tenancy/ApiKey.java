package io.ringline.gateway.tenancy;

import io.ringline.platform.ids.Ids;
import java.time.Instant;

/**
 * An API key as stored: everything but the secret itself.
 *
 * @param numberId  set exactly for {@link ApiKeyScope#NUMBER} keys
 * @param revokedAt set once revoked; a revoked key never authenticates again
 */
public record ApiKey(String id, String tenantId, String numberId, String name, String prefix, String keyHash,
        ApiKeyScope scope, Instant createdAt, Instant revokedAt) {

    /** A key and its secret, as they exist only at the moment of creation. */
    public record Issued(ApiKey key, ApiKeySecret secret) {
    }

    /** Issues a new key; {@code numberId == null} makes it tenant-scoped. */
    public static Issued issue(String tenantId, String numberId, String name, Instant now) {
        ApiKeySecret secret = ApiKeySecret.generate();
        ApiKeyScope scope = numberId == null ? ApiKeyScope.TENANT : ApiKeyScope.NUMBER;
        ApiKey key = new ApiKey(Ids.newId("key"), tenantId, numberId, name, secret.displayPrefix(), secret.hash(),
                scope, now, null);
        return new Issued(key, secret);
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }

    /** @throws IllegalStateException if already revoked (callers treat a revoked key as gone) */
    public ApiKey revoke(Instant now) {
        if (isRevoked()) {
            throw new IllegalStateException("API key " + id + " is already revoked");
        }
        return new ApiKey(id, tenantId, numberId, name, prefix, keyHash, scope, createdAt, now);
    }
}
