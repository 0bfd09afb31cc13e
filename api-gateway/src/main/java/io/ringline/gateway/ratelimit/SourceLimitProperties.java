package io.ringline.gateway.ratelimit;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-source-address limits on what arrives without credentials (docs/security.md "Limits").
 *
 * @param enabled        false turns the source-address limits off
 * @param webhooks       {@code /webhooks/**} (Meta and Evolution GO deliveries), per source address
 * @param anonymous      every other request without credentials ({@code /openapi.*}, unknown paths, a protected
 *                       route without its credential header), per source address; a request that fails
 *                       authentication is charged here too, after the fact
 * @param trustedProxies CIDRs of the reverse proxies in front of the gateway: only when the connection comes
 *                       from one of them is {@code X-Forwarded-For} believed (right to left, skipping these)
 * @param exempt         CIDRs never limited here (e.g. a provider's published webhook ranges)
 */
@ConfigurationProperties("ringline.gateway.source-limit")
record SourceLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue({"500", "1000"}) Rate webhooks,
        @DefaultValue({"10", "30"}) Rate anonymous,
        @DefaultValue List<String> trustedProxies,
        @DefaultValue List<String> exempt) {

    /** A bucket per source address: refilled at {@code perSecond}, at most {@code burst} at once. */
    public record Rate(double perSecond, int burst) {

        BucketLimit limit() {
            return new BucketLimit(perSecond, burst);
        }
    }
}
