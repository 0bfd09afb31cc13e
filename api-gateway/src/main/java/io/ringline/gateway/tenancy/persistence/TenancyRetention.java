package io.ringline.gateway.tenancy.persistence;

import io.ringline.gateway.config.GatewayRetentionProperties;
import io.ringline.platform.retention.RetentionRule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Deleted numbers and revoked keys are invisible to every lookup at once; after their retention they are erased,
 * so a removed number's phone and sealed provider credentials do not rest in the database forever.
 */
@Configuration(proxyBeanMethods = false)
class TenancyRetention {

    /** The number's keys go in the same statement: they reference it, and were all revoked when it was deleted. */
    @Bean
    RetentionRule deletedNumbersRetention(DatabaseClient db, GatewayRetentionProperties props) {
        return RetentionRule.sql(db, "numbers", props.deletedNumbers(), """
                WITH doomed AS (
                    SELECT id FROM numbers WHERE deleted_at < :cutoff
                    ORDER BY deleted_at LIMIT :limit FOR UPDATE SKIP LOCKED
                ), keys AS (
                    DELETE FROM api_keys k USING doomed WHERE k.number_id = doomed.id
                )
                DELETE FROM numbers n USING doomed WHERE n.id = doomed.id""");
    }

    @Bean
    RetentionRule revokedKeysRetention(DatabaseClient db, GatewayRetentionProperties props) {
        return RetentionRule.sql(db, "api_keys", props.revokedKeys(), """
                DELETE FROM api_keys WHERE id IN (
                    SELECT id FROM api_keys WHERE revoked_at < :cutoff
                    ORDER BY revoked_at LIMIT :limit FOR UPDATE SKIP LOCKED)""");
    }
}
