package io.ringline.fanout.retention;

import io.ringline.fanout.config.FanoutProperties;
import io.ringline.platform.retention.RetentionRule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * What the fan-out keeps (docs/security.md "Data retention"): finished deliveries and every logged attempt for
 * {@code ringline.fanout.retention.deliveries}, replayable events for {@code ringline.fanout.replay.retention}.
 * A pending delivery is never pruned, however old: it is still owed.
 */
@Configuration(proxyBeanMethods = false)
class FanoutRetention {

    /**
     * Its attempts go with it (ON DELETE CASCADE): at most the retry schedule's length per delivery. Aged by creation,
     * a column that never changes (V7: the history's updates stay HOT); a delivery finishes within its retry schedule
     * of being created, unless a replay or a manual retry gave it another round later.
     */
    @Bean
    RetentionRule finishedDeliveriesRetention(DatabaseClient db, FanoutRetentionProperties props) {
        return RetentionRule.sql(db, "delivery", props.deliveries(), """
                DELETE FROM delivery WHERE id IN (
                    SELECT id FROM delivery WHERE status <> 'PENDING' AND created_at < :cutoff
                    ORDER BY created_at LIMIT :limit FOR UPDATE SKIP LOCKED)""");
    }

    /** Attempts of a delivery that lives on (retried or replayed again later) still age out on their own. */
    @Bean
    RetentionRule attemptsRetention(DatabaseClient db, FanoutRetentionProperties props) {
        return RetentionRule.sql(db, "delivery_attempts", props.deliveries(), """
                DELETE FROM delivery_attempts WHERE id IN (
                    SELECT id FROM delivery_attempts WHERE attempted_at < :cutoff
                    ORDER BY attempted_at LIMIT :limit FOR UPDATE SKIP LOCKED)""");
    }

    @Bean
    RetentionRule eventLogRetention(DatabaseClient db, FanoutProperties props) {
        return RetentionRule.sql(db, "event_log", props.replay().retention(), """
                DELETE FROM event_log WHERE event_id IN (
                    SELECT event_id FROM event_log WHERE created_at < :cutoff
                    ORDER BY created_at LIMIT :limit FOR UPDATE SKIP LOCKED)""");
    }
}
