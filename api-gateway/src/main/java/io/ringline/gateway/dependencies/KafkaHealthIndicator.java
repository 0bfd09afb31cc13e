package io.ringline.gateway.dependencies;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The broker's health for the readiness group (health contributor {@code kafka}): UP while the cluster answers a
 * description within {@code kafka-health-timeout}. Spring Boot has no Kafka indicator; one long-lived admin client
 * (one network thread, reconnecting by itself) serves every check, so probes create nothing.
 */
@Component("kafka")
class KafkaHealthIndicator extends AbstractReactiveHealthIndicator implements DisposableBean {

    private final Admin admin;
    private final Duration timeout;

    KafkaHealthIndicator(KafkaAdmin kafkaAdmin, DependencyProperties props) {
        super("Kafka health check failed");
        this.timeout = props.kafkaHealthTimeout();
        Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, config.getOrDefault(AdminClientConfig.CLIENT_ID_CONFIG, "api-gateway")
                + "-health");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        this.admin = Admin.create(config);
    }

    @Override
    protected Mono<Health> doHealthCheck(Health.Builder builder) {
        return Mono.fromCompletionStage(() -> admin.describeCluster(
                                new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                        .clusterId().toCompletionStage())
                .timeout(timeout.plusMillis(200))
                .map(id -> builder.up().build());
    }

    @Override
    public void destroy() {
        admin.close(Duration.ofSeconds(2));
    }
}
