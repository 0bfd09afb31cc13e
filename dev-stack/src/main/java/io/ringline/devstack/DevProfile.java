package io.ringline.devstack;

import io.ringline.platform.config.PlatformDefaults;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The development settings every service of the dev stack runs with — the {@code dev} profile (whose
 * {@code *-dev.yml} files hold the development secrets) and switches that production never gets — in one place, for
 * both the single-JVM platform and the process-per-service one.
 */
public final class DevProfile {

    /**
     * Operator token of the dev stack (seeding tenants), as {@code api-gateway-dev.yml} defaults it; the bench uses it
     * too. A real {@code RINGLINE_OPERATOR_TOKEN} in the environment wins over both.
     */
    public static final String OPERATOR_TOKEN = "dev-operator-token";
    /**
     * Internal token of the dev stack ({@code x-internal-token}: actuator beyond health on the public port), as
     * {@code ringline-platform-defaults-dev.yml} defaults it.
     */
    public static final String INTERNAL_TOKEN = "dev-internal-token";

    /** The gateway's per-key/per-tenant rate limit; benchmarks switch it off ({@link DevStackOptions#withoutRateLimits}). */
    static final String RATE_LIMIT_SWITCH = "ringline.gateway.rate-limit.enabled";
    /**
     * Addresses the gateway's per-source-address limits never count: on loopback every client is one source, so a
     * load test from this machine exempts loopback rather than switch the filter off (its cost stays measured).
     */
    static final String SOURCE_LIMIT_EXEMPT = "ringline.gateway.source-limit.exempt";
    static final String LOOPBACK = "127.0.0.0/8,::1/128";

    private DevProfile() {
    }

    /**
     * Environment variables a service process is started with, on top of the broker and database ones: the
     * {@code dev} profile, without which a service refuses to start with no secrets set (RequiredSecrets).
     */
    public static Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SPRING_PROFILES_ACTIVE", PlatformDefaults.DEV_PROFILE);
        return env;
    }

    /** Development-only properties of one service: the demo numbers and subscriptions live on localhost. */
    public static Map<String, String> properties(String service) {
        return switch (service) {
            // The demo numbers' providers are the sandbox on localhost.
            case "call-signaling-service" -> Map.of("ringline.signaling.allow-private-networks", "true");
            // The demo numbers are registered with the sandbox's localhost URL.
            case "api-gateway" -> Map.of("ringline.gateway.provider-urls.allow-private-networks", "true");
            // The demo subscription points at the sandbox on localhost.
            case "webhook-fanout-service" -> Map.of("ringline.fanout.allow-private-networks", "true");
            // The sandbox's demo audio and GO instance live on localhost.
            case "media-bridge-service" -> Map.of("ringline.media.allow-private-networks", "true");
            default -> Map.of();
        };
    }
}
