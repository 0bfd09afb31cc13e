package io.ringline.gateway.tenancy.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Publishing numbers on the {@code numbers} topic (docs/topics.md).
 *
 * @param sweepInterval how often numbers whose revision was never published (created before the topic existed,
 *                      re-encrypted by {@code bin/reencrypt}) are looked for; API changes publish at once
 * @param batchSize     numbers published per sweep transaction
 */
@ConfigurationProperties("ringline.gateway.number-publication")
record NumberPublicationProperties(
        @DefaultValue("2s") Duration sweepInterval,
        @DefaultValue("100") int batchSize) {
}
