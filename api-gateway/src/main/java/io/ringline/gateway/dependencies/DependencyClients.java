package io.ringline.gateway.dependencies;

import io.r2dbc.spi.ConnectionFactoryOptions;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.r2dbc.autoconfigure.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts {@link DependencyProperties}' bounds on the Kafka producer and the R2DBC connections Spring Boot builds. */
@Configuration(proxyBeanMethods = false)
class DependencyClients {

    /** Every producer of the gateway (commands, signals, the numbers outbox) gives up within the bounds. */
    @Bean
    DefaultKafkaProducerFactoryCustomizer boundedProducers(DependencyProperties props) {
        return factory -> factory.updateConfigs(Map.of(
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) props.kafkaMaxBlock().toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) props.kafkaRequestTimeout().toMillis(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) props.kafkaDeliveryTimeout().toMillis()));
    }

    @Bean
    ConnectionFactoryOptionsBuilderCustomizer boundedConnections(DependencyProperties props) {
        return options -> options
                .option(ConnectionFactoryOptions.CONNECT_TIMEOUT, props.dbConnectTimeout())
                .option(ConnectionFactoryOptions.STATEMENT_TIMEOUT, props.dbStatementTimeout());
    }
}
