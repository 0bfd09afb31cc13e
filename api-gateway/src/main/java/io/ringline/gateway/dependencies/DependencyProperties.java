package io.ringline.gateway.dependencies;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the gateway waits for Kafka and PostgreSQL before answering {@code 503 SERVICE_UNAVAILABLE} with
 * {@code Retry-After} (docs/reliability.md "Degradation"): with either down, a request is answered, never held.
 *
 * @param kafkaMaxBlock        producer {@code max.block.ms}: longest a send may block for metadata or buffer space
 * @param kafkaRequestTimeout  producer {@code request.timeout.ms}: longest wait for one broker answer
 * @param kafkaDeliveryTimeout producer {@code delivery.timeout.ms}: a record not acked by then fails (at least
 *                             {@code kafkaRequestTimeout} + linger)
 * @param kafkaHealthTimeout   the readiness check's wait for the broker's cluster description
 * @param dbConnectTimeout     R2DBC connect timeout of a new connection
 * @param dbStatementTimeout   server-side {@code statement_timeout} of every statement
 * @param retryAfter           what {@code Retry-After} tells a client refused for an unavailable dependency
 *
 * <p>{@code db-acquire-timeout} (800ms), the longest wait for a pooled connection, is not a component: Spring Boot
 * builds the pool from {@code spring.r2dbc.pool.*} with no hook for code, so api-gateway.yml passes the key to
 * {@code spring.r2dbc.pool.max-acquire-time} itself.
 */
@ConfigurationProperties("ringline.gateway.dependencies")
record DependencyProperties(
        @DefaultValue("500ms") Duration kafkaMaxBlock,
        @DefaultValue("700ms") Duration kafkaRequestTimeout,
        @DefaultValue("800ms") Duration kafkaDeliveryTimeout,
        @DefaultValue("1s") Duration kafkaHealthTimeout,
        @DefaultValue("500ms") Duration dbConnectTimeout,
        @DefaultValue("5s") Duration dbStatementTimeout,
        @DefaultValue("5s") Duration retryAfter) {

    public DependencyProperties {
        if (kafkaDeliveryTimeout.compareTo(kafkaRequestTimeout) <= 0) {
            // Kafka refuses delivery.timeout.ms < linger.ms + request.timeout.ms at producer creation; say it early.
            throw new IllegalArgumentException("ringline.gateway.dependencies.kafka-delivery-timeout ("
                    + kafkaDeliveryTimeout + ") must exceed kafka-request-timeout (" + kafkaRequestTimeout + ")");
        }
        if (retryAfter.toSeconds() < 1) {
            throw new IllegalArgumentException("ringline.gateway.dependencies.retry-after must be at least 1s");
        }
    }
}
