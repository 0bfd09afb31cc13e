package io.ringline.platform.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.platform.crypto.SecretBox;
import io.ringline.platform.outbox.OutboxProperties;
import io.ringline.platform.outbox.OutboxRelay;
import io.ringline.platform.outbox.OutboxWriter;
import io.ringline.platform.outbox.RecordEncoder;
import io.ringline.platform.persistence.ProcessedMessages;
import io.ringline.platform.persistence.Transactions;
import io.ringline.platform.web.ApiErrorHandler;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import tools.jackson.databind.json.JsonMapper;

/** Beans every Ringline service gets: crypto, transactions, idempotency, outbox and the error body. */
@AutoConfiguration(afterName = {
        "org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration",
        "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration",
        "io.ringline.platform.kafka.KafkaPlatformConfiguration"})
@EnableConfigurationProperties({CryptoProperties.class, OutboxProperties.class, ApplicationProperties.class})
public class PlatformAutoConfiguration {

    /** Every service of the platform needs the key ring and the internal token; checked before any bean exists. */
    @Bean
    static RequiredSecrets platformSecrets() {
        return new RequiredSecrets(CryptoProperties.SECRET,
                RequiredSecrets.Secret.of("RINGLINE_INTERNAL_TOKEN", "ringline.internal-token"));
    }

    @Bean
    @ConditionalOnMissingBean
    SecretBox secretBox(CryptoProperties props) {
        return new SecretBox(props.keyRing());
    }

    @Bean
    ApiErrorHandler apiErrorHandler(JsonMapper json) {
        return new ApiErrorHandler(json);
    }

    @Bean
    @ConditionalOnBean(ReactiveTransactionManager.class)
    @ConditionalOnMissingBean
    TransactionalOperator transactionalOperator(ReactiveTransactionManager tm) {
        return TransactionalOperator.create(tm);
    }

    @Bean
    @ConditionalOnBean(ReactiveTransactionManager.class)
    Transactions transactions(TransactionalOperator operator) {
        return new Transactions(operator);
    }

    @Bean
    @ConditionalOnBean(DatabaseClient.class)
    ProcessedMessages processedMessages(DatabaseClient db) {
        return new ProcessedMessages(db);
    }

    @Bean
    @ConditionalOnBean(DatabaseClient.class)
    @ConditionalOnProperty(name = "ringline.outbox.enabled", havingValue = "true", matchIfMissing = true)
    OutboxRelay outboxRelay(DatabaseClient db, TransactionalOperator tx, KafkaTemplate<String, byte[]> bytesKafkaTemplate,
            OutboxProperties props, MeterRegistry meters, ApplicationProperties application) {
        return new OutboxRelay(db, tx, bytesKafkaTemplate, props, meters, application.name());
    }

    @Bean
    @ConditionalOnBean(OutboxRelay.class)
    OutboxWriter outboxWriter(DatabaseClient db, RecordEncoder encoder, OutboxRelay relay, MeterRegistry meters) {
        return new OutboxWriter(db, encoder, relay, meters);
    }
}
