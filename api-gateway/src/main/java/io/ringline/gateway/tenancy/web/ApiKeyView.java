package io.ringline.gateway.tenancy.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ringline.gateway.tenancy.ApiKey;
import io.ringline.gateway.tenancy.ApiKeyScope;
import java.time.Instant;

/**
 * An API key as the API shows it. {@code key} (the secret) is present only in the answer that created it.
 */
public record ApiKeyView(
        String id,
        String name,
        String prefix,
        ApiKeyScope scope,
        String numberId,
        Instant createdAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String key) {

    public static ApiKeyView listed(ApiKey key) {
        return new ApiKeyView(key.id(), key.name(), key.prefix(), key.scope(), key.numberId(), key.createdAt(), null);
    }

    public static ApiKeyView created(ApiKey.Issued issued) {
        ApiKey key = issued.key();
        return new ApiKeyView(key.id(), key.name(), key.prefix(), key.scope(), key.numberId(), key.createdAt(),
                issued.secret().value());
    }
}
