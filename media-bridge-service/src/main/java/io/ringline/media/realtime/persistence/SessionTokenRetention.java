package io.ringline.media.realtime.persistence;

import io.ringline.platform.retention.RetentionRule;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Realtime session tokens are of no use once expired (used or not), yet each holds a sealed upstream URL with GO's
 * own token: the retention job deletes them {@code ringline.media.retention.expired-session-tokens} after expiry.
 * {@code live_calls} needs no rule: its rows go when their call ends.
 */
@Configuration(proxyBeanMethods = false)
class SessionTokenRetention {

    /** @param expiredSessionTokens how long an expired token's row is kept (a trace for support, nothing more) */
    @ConfigurationProperties("ringline.media.retention")
    record Properties(@DefaultValue("10m") Duration expiredSessionTokens) {
    }

    @Bean
    RetentionRule expiredSessionTokensRetention(DatabaseClient db, Properties props) {
        return RetentionRule.sql(db, "realtime_session_tokens", props.expiredSessionTokens(), """
                DELETE FROM realtime_session_tokens WHERE token_hash IN (
                    SELECT token_hash FROM realtime_session_tokens WHERE expires_at < :cutoff
                    ORDER BY expires_at LIMIT :limit FOR UPDATE SKIP LOCKED)""");
    }
}
