package io.ringline.gateway.idempotency;

import io.ringline.platform.retention.RetentionRule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

/** Idempotency records are replayed for 24 h (SPEC §2), then deleted by the retention job. */
@Configuration(proxyBeanMethods = false)
class IdempotencyRetention {

    @Bean
    RetentionRule idempotencyKeysRetention(DatabaseClient db) {
        return RetentionRule.sql(db, "idempotency_keys", IdempotencyFilter.RETENTION, """
                DELETE FROM idempotency_keys WHERE (api_key_id, idempotency_key) IN (
                    SELECT api_key_id, idempotency_key FROM idempotency_keys WHERE created_at < :cutoff
                    ORDER BY created_at LIMIT :limit FOR UPDATE SKIP LOCKED)""");
    }
}
