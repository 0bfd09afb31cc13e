package io.ringline.system.abuse;

import io.ringline.devstack.DevStack;
import io.ringline.devstack.DevStackOptions;
import io.ringline.devstack.ServiceInstance;
import io.ringline.system.abuse.world.SecretRegistry;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;

/**
 * The platform under attack, started exactly as {@code ./dev.sh} starts it but with fresh random operator
 * and internal tokens and crypto key (so a leak of any of them is findable), the services' own loggers at
 * DEBUG (more lines to search), and the per-key rate limit off (otherwise most traffic would be 429s; a
 * separate slice runs with limits on).
 */
final class AbusePlatform implements AutoCloseable {

    static final List<String> SERVICES = List.of("api-gateway", "call-signaling-service", "media-bridge-service",
            "webhook-fanout-service");
    /** Configuration whose value is a secret, whatever a future version calls it. */
    private static final Pattern SECRET_PROPERTY = Pattern.compile("(?i)^ringline\\..*(token|secret|key|password|credential).*");

    private static final String UNREACHABLE = "1000000000";

    private final DevStack stack;
    private final Map<String, String> gatewayProperties;

    private AbusePlatform(DevStack stack, Map<String, String> gatewayProperties) {
        this.stack = stack;
        this.gatewayProperties = gatewayProperties;
    }

    static AbusePlatform start(String operatorToken, String internalToken, String cryptoKey) {
        DevStackOptions options = DevStackOptions.ephemeral();
        for (String service : SERVICES) {
            options = options.withProperty(service, "ringline.crypto.key", cryptoKey)
                    .withProperty(service, "ringline.internal-token", internalToken)
                    .withProperty(service, "logging.level.io.ringline", "DEBUG");
            // Failed authentications are throttled per source address and key prefix; the whole campaign comes
            // from 127.0.0.1 and is mostly failed authentications, so the throttle would answer most of it.
            for (String limit : List.of("per-source", "per-prefix")) {
                options = options.withProperty(service, "ringline.security.failed-authentication." + limit, UNREACHABLE);
            }
        }
        // The per-key and per-tenant limits (and the per-source limit of unauthenticated routes) would turn most
        // of the campaign into 429s; RateLimitSlice runs with limits on.
        options = options.withProperty("api-gateway", "ringline.gateway.operator-token", operatorToken)
                .withProperty("api-gateway", "ringline.gateway.rate-limit.enabled", "false")
                .withProperty("api-gateway", "ringline.gateway.source-limit.enabled", "false");
        Map<String, String> gateway = Map.of("ringline.crypto.key", cryptoKey, "ringline.internal-token", internalToken,
                "ringline.gateway.operator-token", operatorToken, "logging.level.io.ringline", "DEBUG");
        return new AbusePlatform(DevStack.start(options), gateway);
    }

    DevStack stack() {
        return stack;
    }

    ServiceInstance service(String name) {
        return stack.platform().service(name);
    }

    /** Properties the campaign gave the gateway (a second gateway instance needs the same). */
    Map<String, String> gatewayProperties() {
        return gatewayProperties;
    }

    /** Registers every secret-looking configuration value of every running service. */
    void registerConfiguredSecrets(SecretRegistry secrets) {
        for (String name : SERVICES) {
            ConfigurableEnvironment env = service(name).context().getEnvironment();
            env.getPropertySources().forEach(source -> {
                if (source instanceof EnumerablePropertySource<?> enumerable) {
                    for (String property : enumerable.getPropertyNames()) {
                        if (SECRET_PROPERTY.matcher(property).matches()) {
                            try {
                                register(secrets, name + " " + property, env.getProperty(property));
                            } catch (IllegalArgumentException unresolvable) {
                                // a placeholder without a value holds no secret
                            }
                        }
                    }
                }
            });
        }
        var demo = stack.demo();
        secrets.add("demo tenant key", demo.tenantApiKey());
        secrets.add("demo META number key", demo.metaNumber().apiKey());
        secrets.add("demo EVO_GO number key", demo.evoGoNumber().apiKey());
        secrets.add("demo webhook secret", demo.webhookSecret());
    }

    /** A value and, for a list such as a key ring ({@code k2:<key>,k1:<key>}), each of its entries. */
    private static void register(SecretRegistry secrets, String name, String value) {
        secrets.add(name, value);
        if (value == null) {
            return;
        }
        for (String part : value.split(",")) {
            String entry = part.strip();
            secrets.add(name + " entry", entry);
            int colon = entry.indexOf(':');
            if (colon > 0) {
                secrets.add(name + " entry", entry.substring(colon + 1));
            }
        }
    }

    @Override
    public void close() {
        stack.close();
    }
}
