package io.ringline.platform.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param retention how long a consumed message id is remembered; redeliveries come within minutes, so 7 days
 *                  is far beyond any redelivery horizon of the topics
 */
@ConfigurationProperties("ringline.processed-messages")
public record ProcessedMessagesProperties(@DefaultValue("7d") Duration retention) {
}
