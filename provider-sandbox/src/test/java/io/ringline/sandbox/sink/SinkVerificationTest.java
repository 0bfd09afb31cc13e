package io.ringline.sandbox.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.standardwebhooks.Webhook;
import io.ringline.sandbox.support.SandboxTest;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /sandbox/webhook-sink/verify}: each recorded delivery with a signature verdict for a secret — valid,
 * or why not (missing headers, stale timestamp, no matching signature) — judged as a Standard Webhooks receiver
 * would have judged it when the delivery arrived.
 */
@SandboxTest
class SinkVerificationTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String OTHER_SECRET = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
    private static final String BODY = "{\"id\":\"evt_1\",\"event\":\"call.ended\"}";

    @Autowired
    WebTestClient client;

    @BeforeEach
    void clear() {
        client.delete().uri("/sandbox/webhook-sink/deliveries").exchange().expectStatus().isNoContent();
    }

    @Test
    void aDeliverySignedWithTheSecretIsValidAndSaysWhichSignatureMatched() throws Exception {
        long now = Instant.now().getEpochSecond();
        deliver("/verify-case/valid", "evt_1", now, sign(OTHER_SECRET, "evt_1", now, BODY) + " " + sign(SECRET, "evt_1", now, BODY), BODY);

        JsonNode verdict = verify(SECRET, "/sandbox/webhook-sink/verify-case").get(0).get("signature");

        assertThat(verdict.get("valid").asBoolean()).isTrue();
        assertThat(verdict.get("reason").asString()).startsWith("signature 2 of 2 matches");
    }

    @Test
    void otherwiseTheVerdictSaysWhy() throws Exception {
        long now = Instant.now().getEpochSecond();
        deliver("/verify-case/missing", null, now, sign(SECRET, "evt_2", now, BODY), BODY);
        deliver("/verify-case/stale", "evt_3", now - 600, sign(SECRET, "evt_3", now - 600, BODY), BODY);
        deliver("/verify-case/tampered", "evt_4", now, sign(SECRET, "evt_4", now, BODY), BODY.replace("ended", "missed"));
        deliver("/verify-case/other-secret", "evt_5", now, sign(OTHER_SECRET, "evt_5", now, BODY), BODY);

        JsonNode checked = verify(SECRET, "/sandbox/webhook-sink/verify-case");

        assertThat(checked).hasSize(4);
        assertThat(reason(checked, 0)).isEqualTo("missing headers: webhook-id");
        assertThat(reason(checked, 1)).startsWith("stale timestamp: signed 6");
        assertThat(reason(checked, 2)).startsWith("no matching signature");
        assertThat(reason(checked, 3)).startsWith("no matching signature");
        checked.forEach(delivery -> assertThat(delivery.at("/signature/valid").asBoolean()).isFalse());
        assertThat(checked.get(2).get("path").asString()).isEqualTo("/sandbox/webhook-sink/verify-case/tampered");
    }

    @Test
    void oneDeliveryCanBeCheckedByItsIdAndASecretThatIsNotOneIsRefused() throws Exception {
        long now = Instant.now().getEpochSecond();
        deliver("/verify-case/a", "evt_6", now, sign(SECRET, "evt_6", now, BODY), BODY);
        deliver("/verify-case/b", "evt_7", now, sign(SECRET, "evt_7", now, BODY), BODY);
        long second = verify(SECRET, null).get(1).get("id").asLong();

        JsonNode one = client.post().uri("/sandbox/webhook-sink/verify")
                .bodyValue(Map.of("secret", SECRET, "deliveryId", second))
                .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(one).hasSize(1);
        assertThat(one.get(0).at("/headers/webhook-id").asString()).isEqualTo("evt_7");

        client.post().uri("/sandbox/webhook-sink/verify").bodyValue(Map.of("secret", "not-a-secret"))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("secret must be the webhook's whsec_… signing secret");
        assertThat(client.get().uri("/sandbox/webhook-sink/deliveries").exchange().expectBody(JsonNode.class)
                .returnResult().getResponseBody()).as("verifying records nothing").hasSize(2);
    }

    private void deliver(String path, String id, long timestamp, String signature, String body) {
        var request = client.post().uri("/sandbox/webhook-sink" + path).contentType(MediaType.APPLICATION_JSON)
                .header("webhook-timestamp", String.valueOf(timestamp)).header("webhook-signature", signature);
        if (id != null) {
            request = request.header("webhook-id", id);
        }
        request.bodyValue(body).exchange().expectStatus().isOk();
    }

    private JsonNode verify(String secret, String path) {
        var body = path == null ? Map.of("secret", secret) : Map.of("secret", secret, "path", path);
        return client.post().uri("/sandbox/webhook-sink/verify").bodyValue(body)
                .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private static String reason(JsonNode checked, int index) {
        return checked.get(index).at("/signature/reason").asString();
    }

    private static String sign(String secret, String id, long timestamp, String body) throws Exception {
        return new Webhook(secret).sign(id, timestamp, body);
    }
}
