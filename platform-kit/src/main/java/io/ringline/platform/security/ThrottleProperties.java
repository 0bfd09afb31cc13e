package io.ringline.platform.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Failed-authentication throttling (docs/security.md): after {@code perSource} failures from one address, or
 * {@code perPrefix} failures with secrets sharing their first 10 characters, within {@code window}, further
 * attempts are refused {@code 429 RATE_LIMITED} before any lookup, until the bucket refills (continuously,
 * the full allowance over one window).
 *
 * @param missTtl how long an unknown secret is remembered as unknown (so repeating it costs no read); a secret
 *                created meanwhile works at the latest this much later — in practice at once, since nobody can
 *                present a random 256-bit key before it is issued
 * @param maxTracked most sources, prefixes and remembered misses kept in memory per service
 */
@ConfigurationProperties("ringline.security.failed-authentication")
public record ThrottleProperties(
        @DefaultValue("30") int perSource,
        @DefaultValue("10") int perPrefix,
        @DefaultValue("1m") Duration window,
        @DefaultValue("2s") Duration missTtl,
        @DefaultValue("100000") long maxTracked) {

    public ThrottleProperties {
        if (perSource < 1 || perPrefix < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("ringline.security.failed-authentication: limits and window must be positive");
        }
    }
}
