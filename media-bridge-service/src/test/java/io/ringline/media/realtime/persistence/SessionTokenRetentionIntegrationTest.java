package io.ringline.media.realtime.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.infra.InfraProperties;
import io.ringline.media.realtime.persistence.SessionTokenRepository.StoredToken;
import io.ringline.platform.ids.Ids;
import io.ringline.platform.retention.RetentionJob;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Realtime session tokens are deleted by the retention job 10 minutes after they expired, used or not; a token
 * still valid (or only just expired) stays. Same context as {@code LiveCallsIntegrationTest}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=media-bridge-service",
        "ringline.media.metrics-refresh=200ms",
        "ringline.internal-token=test-internal-token"})
class SessionTokenRetentionIntegrationTest {

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        InfraProperties.register(registry);
    }

    @Autowired
    SessionTokenRepository tokens;
    @Autowired
    RetentionJob retention;
    @Autowired
    DatabaseClient db;

    @Test
    void tokensGoTenMinutesAfterExpiryAndValidOnesStay() {
        Instant now = Instant.now();
        String longExpired = token(now.minus(Duration.ofMinutes(11)));
        String usedAndExpired = token(now.minus(Duration.ofMinutes(30)));
        tokens.consume(usedAndExpired, now.minus(Duration.ofHours(1))).block();
        String justExpired = token(now.minus(Duration.ofMinutes(9)));
        String valid = token(now.plus(Duration.ofMinutes(2)));

        retention.runOnce().block(Duration.ofSeconds(30));

        assertThat(exists(longExpired)).isFalse();
        assertThat(exists(usedAndExpired)).isFalse();
        assertThat(exists(justExpired)).isTrue();
        assertThat(exists(valid)).isTrue();
    }

    private String token(Instant expiresAt) {
        String hash = Ids.newId("hash");
        tokens.insert(hash, new StoredToken(Ids.newId("call"), Ids.newId("num"), "GO-1", "TALK",
                "PCM16_16K", "BINARY", "BUFFERED", "RINGLINE", "v1.sealed"), expiresAt)
                .block();
        return hash;
    }

    private boolean exists(String hash) {
        return db.sql("SELECT count(*) AS n FROM realtime_session_tokens WHERE token_hash = :h").bind("h", hash)
                .map(row -> row.get("n", Long.class)).one().block() == 1;
    }
}
