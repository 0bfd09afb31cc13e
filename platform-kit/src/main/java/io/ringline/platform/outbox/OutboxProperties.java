package io.ringline.platform.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled      whether this service runs a relay (every service that writes an outbox does)
 * @param pollInterval longest a committed row waits when no commit in this JVM woke the relay
 * @param batchSize    rows published per relay transaction
 */
@ConfigurationProperties("ringline.outbox")
public record OutboxProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("200ms") Duration pollInterval,
        @DefaultValue("500") int batchSize) {
}
