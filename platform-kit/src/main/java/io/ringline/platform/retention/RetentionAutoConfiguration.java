package io.ringline.platform.retention;

import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.platform.persistence.ProcessedMessages;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The retention job of every service with a database, and the rule for the platform's own
 * {@code processed_messages}. Services add their tables as {@link RetentionRule} beans.
 */
@AutoConfiguration(afterName = "io.ringline.platform.config.PlatformAutoConfiguration")
@EnableConfigurationProperties({RetentionProperties.class, ProcessedMessagesProperties.class})
public class RetentionAutoConfiguration {

    /**
     * Processed message ids only matter while a redelivery is possible: minutes, far below the default 7 days.
     * Rows are stamped by the database's {@code now()}, which the service clock follows in production.
     */
    @Bean
    @ConditionalOnBean(ProcessedMessages.class)
    RetentionRule processedMessagesRetention(DatabaseClient db, ProcessedMessagesProperties props) {
        return RetentionRule.sql(db, "processed_messages", props.retention(), """
                DELETE FROM processed_messages WHERE (consumer, message_id) IN (
                    SELECT consumer, message_id FROM processed_messages WHERE processed_at < :cutoff
                    ORDER BY processed_at LIMIT :limit FOR UPDATE SKIP LOCKED)""");
    }

    @Bean
    @ConditionalOnBean(TransactionalOperator.class)
    RetentionJob retentionJob(ObjectProvider<RetentionRule> rules, TransactionalOperator tx, ObjectProvider<Clock> clock,
            RetentionProperties props, MeterRegistry meters) {
        return new RetentionJob(rules.orderedStream().toList(), tx, clock.getIfAvailable(Clock::systemUTC), props, meters);
    }
}
