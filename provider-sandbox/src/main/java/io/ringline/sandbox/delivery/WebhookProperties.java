package io.ringline.sandbox.delivery;

import java.time.Duration;

import io.ringline.sandbox.sim.call.Provider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the simulated providers deliver webhooks. Meta retries a failed delivery (after {@code retryBackoff},
 * then twice that, …); Evolution GO fires once.
 */
@ConfigurationProperties("sandbox.webhooks")
public record WebhookProperties(
        @DefaultValue("5s") Duration timeout,
        @DefaultValue("3") int metaMaxAttempts,
        @DefaultValue("1") int evogoMaxAttempts,
        @DefaultValue("1s") Duration retryBackoff) {

    public int maxAttempts(Provider provider) {
        return Math.max(1, switch (provider) {
            case META -> metaMaxAttempts;
            case EVO_GO -> evogoMaxAttempts;
        });
    }
}
