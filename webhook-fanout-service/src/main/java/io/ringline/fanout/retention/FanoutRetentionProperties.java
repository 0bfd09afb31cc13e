package io.ringline.fanout.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param deliveries how long a finished delivery (delivered, failed, cancelled) and every logged attempt are kept:
 *                   the delivery log and manual retry reach back this far
 */
@ConfigurationProperties("ringline.fanout.retention")
record FanoutRetentionProperties(@DefaultValue("30d") Duration deliveries) {
}
