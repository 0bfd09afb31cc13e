package io.ringline.gateway.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringline.platform.crypto.Hashing;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ApiKeyTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

    @Test
    void issuedKeysAreHighEntropyAndStoredOnlyAsTheirHash() {
        ApiKey.Issued a = ApiKey.issue("ten_1", null, "default", NOW);
        ApiKey.Issued b = ApiKey.issue("ten_1", "num_1", "calls", NOW);

        assertThat(a.secret().value()).matches("^rl_[A-Za-z0-9_-]{43}$").isNotEqualTo(b.secret().value());
        assertThat(a.key().keyHash()).isEqualTo(Hashing.sha256Hex(a.secret().value()));
        assertThat(a.key().prefix()).isEqualTo(a.secret().value().substring(0, 10));
        assertThat(a.key().id()).startsWith("key_");
        assertThat(a.key().scope()).isEqualTo(ApiKeyScope.TENANT);
        assertThat(b.key().scope()).isEqualTo(ApiKeyScope.NUMBER);
        assertThat(b.key().numberId()).isEqualTo("num_1");
        assertThat(a.secret().toString()).doesNotContain(a.secret().value());
    }

    @Test
    void aKeyIsRevokedOnce() {
        ApiKey key = ApiKey.issue("ten_1", null, "default", NOW).key();

        ApiKey revoked = key.revoke(NOW.plusSeconds(5));

        assertThat(key.isRevoked()).isFalse();
        assertThat(revoked.isRevoked()).isTrue();
        assertThat(revoked.revokedAt()).isEqualTo(NOW.plusSeconds(5));
        assertThatThrownBy(() -> revoked.revoke(NOW.plusSeconds(6))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onlyWellFormedHeadersAreLookedUp() {
        String value = ApiKeySecret.generate().value();
        assertThat(ApiKeySecret.parse(value)).isPresent();
        assertThat(ApiKeySecret.parse("rl_short")).isEmpty();
        assertThat(ApiKeySecret.parse("xx_" + value.substring(3))).isEmpty();
        assertThat(ApiKeySecret.parse(value + "=")).isEmpty();
        assertThat(ApiKeySecret.parse(null)).isEmpty();
    }

    @Test
    void credentialsNeverShowInToString() {
        assertThat(new ProviderCredentials.EvoGo("tok-123").toString()).doesNotContain("tok-123");
        assertThat(new ProviderCredentials.Meta("acc-1", "sec-2", "ver-3").toString())
                .doesNotContain("acc-1").doesNotContain("sec-2").doesNotContain("ver-3");
    }
}
