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
 * @param schemaRegistry    the registry the selected registry serdes talk to, if any (docs/topics.md)
 */
@ConfigurationProperties("ringline.kafka")
public record KafkaPlatformProperties(
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("32") int concurrency,
        @DefaultValue("60s") Duration batchTimeout,
        @DefaultValue SchemaRegistry schemaRegistry) {

    /**
     * A schema registry speaking Apicurio's API (Apicurio Registry; its Confluent-compatible API serves Confluent
     * clients the same schemas). Used only when the value serdes are switched to Apicurio's.
     *
     * @param url          the registry's API, e.g. {@code http://registry:8080/apis/registry/v2}; empty = none
     * @param autoRegister whether producers register a schema the registry does not know yet
     */
    public record SchemaRegistry(String url, @DefaultValue("true") boolean autoRegister) {

        public boolean configured() {
            return url != null && !url.isBlank();
        }
    }
}
