package io.ringline.platform.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How this service uses Kafka beyond Spring Boot's {@code spring.kafka.*}.
 *
 * @param replicationFactor replication of the topics this service declares (1 for the single dev broker)
 * @param concurrency       records of different calls processed at once within one batch
 * @param batchTimeout      upper bound for one batch; past it the batch is redelivered
 */
@ConfigurationProperties("ringline.kafka")
public record KafkaPlatformProperties(
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("32") int concurrency,
        @DefaultValue("60s") Duration batchTimeout) {
}
