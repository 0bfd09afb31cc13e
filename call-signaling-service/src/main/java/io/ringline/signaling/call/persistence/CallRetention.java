package io.ringline.signaling.call.persistence;

import io.ringline.platform.retention.RetentionRule;
import io.ringline.signaling.SignalingProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * What the signaling service keeps and for how long, as rules of the platform's retention job: ended calls and,
 * sooner, their SDPs; parked signals whose call never appeared; failed-command answers once no redelivery can
 * come (platform-kit prunes the processed ids themselves). Only ended calls qualify: a call in progress has no
 * {@code ended_at}.
 */
@Configuration(proxyBeanMethods = false)
class CallRetention {

    /** ended_at IS NOT NULL is what the partial index calls_ended_age (V8) holds; the status says the same. */
    private static final String ENDED =
            "ended_at IS NOT NULL AND status IN ('COMPLETED', 'REJECTED', 'FAILED', 'MISSED')";

    /** The call and, in the same statement, its failed-command answers. */
    @Bean
    RetentionRule endedCallsRetention(DatabaseClient db, CallRetentionProperties props) {
        return RetentionRule.sql(db, "calls", props.calls(), """
                WITH doomed AS (
                    SELECT id FROM calls WHERE %s AND ended_at < :cutoff
                    ORDER BY ended_at LIMIT :limit FOR UPDATE SKIP LOCKED
                ), failures AS (
                    DELETE FROM command_failures f USING doomed WHERE f.call_id = doomed.id
                )
                DELETE FROM calls c USING doomed WHERE c.id = doomed.id""".formatted(ENDED));
    }

    /**
     * The call row stays; its version moves, so an update racing with this (loaded before, saved after) fails its
     * optimistic lock and retries on the scrubbed row instead of writing the SDPs back.
     */
    @Bean
    RetentionRule sdpRetention(DatabaseClient db, CallRetentionProperties props) {
        return RetentionRule.sql(db, "calls.sdp", props.sdp(), """
                UPDATE calls SET sdp_offer = NULL, sdp_answer = NULL, version = version + 1 WHERE id IN (
                    SELECT id FROM calls WHERE (sdp_offer IS NOT NULL OR sdp_answer IS NOT NULL)
                      AND %s AND ended_at < :cutoff
                    ORDER BY ended_at LIMIT :limit FOR UPDATE SKIP LOCKED)""".formatted(ENDED));
    }

    @Bean
    RetentionRule parkedSignalsRetention(DatabaseClient db, SignalingProperties props) {
        return RetentionRule.sql(db, "pending_signals", props.parkedSignalRetention(), """
                DELETE FROM pending_signals WHERE seq IN (
                    SELECT seq FROM pending_signals WHERE parked_at < :cutoff
                    ORDER BY parked_at LIMIT :limit FOR UPDATE SKIP LOCKED)""");
    }

    @Bean
    RetentionRule failedCommandsRetention(DatabaseClient db, SignalingProperties props) {
        return RetentionRule.sql(db, "command_failures", props.failedCommandRetention(), """
                DELETE FROM command_failures WHERE command_id IN (
                    SELECT command_id FROM command_failures WHERE created_at < :cutoff
                    ORDER BY created_at LIMIT :limit FOR UPDATE SKIP LOCKED)""");
    }
}
