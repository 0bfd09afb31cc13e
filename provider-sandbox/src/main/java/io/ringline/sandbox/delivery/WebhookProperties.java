package io.ringline.sandbox.delivery;

import java.time.Duration;

import io.ringline.sandbox.sim.call.SimulatedProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the simulated providers deliver webhooks. Meta retries a failed delivery (after {@code retryBackoff}, then
 * twice that, doubling up to {@code maxRetryBackoff}); Evolution GO fires once. Meta keeps retrying "with decreasing
 * frequency" for days; the default 10 attempts (about 4 minutes) keep that shape — a receiver down for a minute
 * loses nothing — without a simulator holding webhooks for days.
 */
@ConfigurationProperties("sandbox.webhooks")
record WebhookProperties(
        @DefaultValue("5s") Duration timeout,
        @DefaultValue("10") int metaMaxAttempts,
        @DefaultValue("1") int evogoMaxAttempts,
        @DefaultValue("1s") Duration retryBackoff,
        @DefaultValue("60s") Duration maxRetryBackoff) {

    /** The wait before attempt {@code attempt + 1}: doubling from {@code retryBackoff}, at most {@code maxRetryBackoff}. */
    public Duration backoff(int attempt) {
        Duration wait = retryBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
        return wait.compareTo(maxRetryBackoff) > 0 ? maxRetryBackoff : wait;
    }

    public int maxAttempts(SimulatedProvider provider) {
        return Math.max(1, switch (provider) {
            case META -> metaMaxAttempts;
            case EVO_GO -> evogoMaxAttempts;
        });
    }
}
