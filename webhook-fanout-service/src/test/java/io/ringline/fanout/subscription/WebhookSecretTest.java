package io.ringline.fanout.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class WebhookSecretTest {

    @Test
    void isWhsecPlusBase64OfThirtyTwoRandomBytes() {
        WebhookSecret secret = WebhookSecret.generate();
        assertThat(secret.value()).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.value().substring(6))).hasSize(32).isEqualTo(secret.key());
        assertThat(WebhookSecret.generate().value()).isNotEqualTo(secret.value());
        assertThat(WebhookSecret.parse(secret.value()).key()).isEqualTo(secret.key());
    }

    @Test
    void neverPrintsItself() {
        WebhookSecret secret = WebhookSecret.generate();
        assertThat(secret.toString()).doesNotContain(secret.value().substring(6));
    }

    @Test
    void refusesWhatIsNotASecret() {
        assertThatThrownBy(() -> WebhookSecret.parse("sk_abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookSecret.parse("whsec_AAAA")).isInstanceOf(IllegalArgumentException.class);
    }
}
