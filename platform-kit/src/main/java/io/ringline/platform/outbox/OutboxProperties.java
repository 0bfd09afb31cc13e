package io.ringline.platform.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled      whether this service runs a relay (every service that writes an outbox does)
 * @param pollInterval longest a committed row waits when no commit in this JVM woke the relay — only a fallback:
 *                     every commit through {@link OutboxWriter} wakes its JVM's relay, so what the poll bounds is
 *                     the wait of a crashed instance's rows for another instance's relay. 1 s: at 200 ms the
 *                     three relays' polls were most of what the platform costs at rest (docs/performance.md "What
 *                     the platform costs at rest")
 * @param batchSize    rows published per relay transaction
 */
@ConfigurationProperties("ringline.outbox")
public record OutboxProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("500") int batchSize) {
}
