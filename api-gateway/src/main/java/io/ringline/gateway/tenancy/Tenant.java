package io.ringline.gateway.tenancy;

import io.ringline.platform.ids.Ids;
import java.time.Instant;

/** A Ringline customer: owns numbers, API keys and webhook subscriptions. */
public record Tenant(String id, String name, Instant createdAt) {

    public static Tenant create(String name, Instant now) {
        return new Tenant(Ids.newId("ten"), name, now);
    }
}
