package io.ringline.devstack;

import java.nio.file.Path;
import java.util.Map;

/**
 * How to start the platform. Every port can be 0 (any free port), which the system tests use.
 *
 * @param externalKafka    bootstrap servers of an existing cluster, or null to start the embedded broker
 * @param externalDatabase true when RINGLINE_DB_* point at an existing PostgreSQL (no embedded one)
 * @param stateDir         where dev-stack.json is written, or null to write nothing
 * @param serviceProperties extra properties per service name (e.g. shorter timers for tests)
 */
public record DevStackOptions(
        int kafkaPort,
        int postgresPort,
        int gatewayPort,
        int signalingPort,
        int mediaPort,
        int fanoutPort,
        int sandboxPort,
        String externalKafka,
        boolean externalDatabase,
        Path stateDir,
        Map<String, Map<String, String>> serviceProperties) {

    public DevStackOptions {
        serviceProperties = Map.copyOf(serviceProperties);
    }

    /** The documented defaults, overridable through the environment (README, "Configuration"). */
    public static DevStackOptions fromEnvironment(Map<String, String> env) {
        return new DevStackOptions(
                port(env, "RINGLINE_DEV_KAFKA_PORT", 9092),
                port(env, "RINGLINE_DEV_POSTGRES_PORT", 54329),
                port(env, "RINGLINE_GATEWAY_PORT", 8080),
                port(env, "RINGLINE_SIGNALING_PORT", 8081),
                port(env, "RINGLINE_MEDIA_PORT", 8082),
                port(env, "RINGLINE_FANOUT_PORT", 8083),
                port(env, "RINGLINE_SANDBOX_PORT", 8090),
                blankToNull(env.get("RINGLINE_KAFKA_BOOTSTRAP")),
                blankToNull(env.get("RINGLINE_DB_HOST")) != null,
                Path.of(env.getOrDefault("RINGLINE_STATE_DIR", ".ringline")),
                Map.of());
    }

    /** Everything embedded on free ports, nothing written to disk. */
    public static DevStackOptions ephemeral() {
        return new DevStackOptions(0, 0, 0, 0, 0, 0, 0, null, false, null, Map.of());
    }

    /** A copy that also passes {@code key=value} to one service (by module name). */
    public DevStackOptions withProperty(String service, String key, String value) {
        Map<String, Map<String, String>> all = new java.util.HashMap<>(serviceProperties);
        Map<String, String> forService = new java.util.HashMap<>(all.getOrDefault(service, Map.of()));
        forService.put(key, value);
        all.put(service, Map.copyOf(forService));
        return new DevStackOptions(kafkaPort, postgresPort, gatewayPort, signalingPort, mediaPort, fanoutPort,
                sandboxPort, externalKafka, externalDatabase, stateDir, all);
    }

    /**
     * A copy with the gateway's per-key/per-tenant rate limits off and loopback exempt from its per-source-address
     * limits, as load tests from this machine need (on loopback every client is the same source).
     */
    public DevStackOptions withoutRateLimits() {
        return withProperty("api-gateway", DevProfile.RATE_LIMIT_SWITCH, "false")
                .withProperty("api-gateway", DevProfile.SOURCE_LIMIT_EXEMPT, DevProfile.LOOPBACK);
    }

    Map<String, String> propertiesFor(String service) {
        return serviceProperties.getOrDefault(service, Map.of());
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.strip());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number (0-65535), got '" + value + "'");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
