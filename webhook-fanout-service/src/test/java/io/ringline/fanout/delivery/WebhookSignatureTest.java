package io.ringline.fanout.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import io.ringline.fanout.subscription.WebhookSecret;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Our signatures are exactly what the Standard Webhooks reference library accepts. */
class WebhookSignatureTest {

    @Test
    void verifiesWithTheReferenceLibrary() throws Exception {
        WebhookSecret secret = WebhookSecret.generate();
        long now = Instant.now().getEpochSecond();
        String body = "{\"id\":\"evt_1\",\"event\":\"call.ringing\",\"peerNumber\":\"+5511\u00e9\"}";
        String signature = WebhookSignature.sign(secret, "evt_1", now, body);

        assertThat(signature).startsWith("v1,");
        new Webhook(secret.value()).verify(body, headers("evt_1", now, signature));
        assertThat(new Webhook(secret.value()).sign("evt_1", now, body)).isEqualTo(signature);
    }

    @Test
    void aTamperedBodyOrIdFailsVerification() {
        WebhookSecret secret = WebhookSecret.generate();
        long now = Instant.now().getEpochSecond();
        String signature = WebhookSignature.sign(secret, "evt_1", now, "{}");
        assertThatThrownBy(() -> new Webhook(secret.value()).verify("{ }", headers("evt_1", now, signature)))
                .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> new Webhook(secret.value()).verify("{}", headers("evt_2", now, signature)))
                .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> new Webhook(WebhookSecret.generate().value()).verify("{}", headers("evt_1", now, signature)))
                .isInstanceOf(WebhookVerificationException.class);
    }

    private static Map<String, List<String>> headers(String id, long timestamp, String signature) {
        return Map.of("webhook-id", List.of(id), "webhook-timestamp", List.of(Long.toString(timestamp)),
                "webhook-signature", List.of(signature));
    }
}
