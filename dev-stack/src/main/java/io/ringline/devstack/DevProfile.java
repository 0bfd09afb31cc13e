package io.ringline.devstack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The development settings every service of the dev stack runs with — secrets and switches that production never
 * gets — in one place, for both the single-JVM platform and the process-per-service one. When the services stop
 * having built-in development defaults (a {@code dev} profile, a key ring), this is the one class to adapt.
 */
public final class DevProfile {

    /** Operator token of the dev stack (seeding tenants); the bench uses it too. */
    public static final String OPERATOR_TOKEN = "dev-operator-token";
    static final String INTERNAL_TOKEN = "dev-internal-token";
    /** 32 bytes, base64; development only. */
    static final String CRYPTO_KEY = "ZGV2LW9ubHkta2V5LXJpbmdsaW5lLTMyLWJ5dGVzISE=";

    /** The gateway's per-key/per-tenant rate limit; benchmarks switch it off ({@link DevStackOptions#withoutRateLimits}). */
    static final String RATE_LIMIT_SWITCH = "ringline.gateway.rate-limit.enabled";

    private DevProfile() {
    }

    /** Environment variables a service process is started with, on top of the broker and database ones. */
    public static Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("RINGLINE_OPERATOR_TOKEN", OPERATOR_TOKEN);
        env.put("RINGLINE_INTERNAL_TOKEN", INTERNAL_TOKEN);
        env.put("RINGLINE_CRYPTO_KEY", CRYPTO_KEY);
        return env;
    }

    /** Development-only properties of one service: the demo numbers and subscriptions live on localhost. */
    public static Map<String, String> properties(String service) {
        return switch (service) {
            // The demo subscription points at the sandbox on localhost.
            case "webhook-fanout-service" -> Map.of("ringline.fanout.allow-private-networks", "true");
            // The sandbox's demo audio and GO instance live on localhost.
            case "media-bridge-service" -> Map.of("ringline.media.allow-private-networks", "true");
            default -> Map.of();
        };
    }
}
