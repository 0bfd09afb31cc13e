package io.ringline.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.gateway.calls.CallMedia;
import io.ringline.gateway.support.EndlessUpload;
import io.ringline.gateway.support.Fixtures;
import io.ringline.gateway.support.GatewayIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every body-reading route refuses a body over its cap while reading it — a body that never ends gets its
 * {@code 400} and the connection is closed — and a declared {@code Content-Length} over the cap is refused
 * before any of the body is read.
 */
class BodyLimitsIntegrationTest extends GatewayIntegrationTest {

    @Test
    void aJsonRouteAnswersAnEndlessBodyAt64KiB() {
        Fixtures.TenantFixture tenant = fixtures.tenant();

        assertRefusedWhileSending("POST", "/v1/webhooks", Map.of("x-api-key", tenant.key(),
                "Content-Type", "application/json"), 64 * 1024);
    }

    @Test
    void theProviderWebhooksAnswerAnEndlessBodyUnauthenticated() {
        assertRefusedWhileSending("POST", "/webhooks/meta", Map.of("Content-Type", "application/json",
                "X-Hub-Signature-256", "sha256=" + "0".repeat(64)), 1024 * 1024);
        assertRefusedWhileSending("POST", "/webhooks/evolution-go", Map.of("Content-Type", "application/json"),
                64 * 1024);
    }

    @Test
    void theGoLayerUploadIsCappedWhileReadingBeforeTheCallIsLookedUp() {
        Fixtures.NumberFixture number = fixtures.evoGoNumber(fixtures.tenant());

        // No such call: had the call been looked up first, the answer would be 404.
        try (EndlessUpload upload = EndlessUpload.start(port, "POST",
                "/api/layer/evolution-go/call/media/play?callId=NO-SUCH-CALL",
                Map.of("apikey", number.instanceToken(), "Content-Type", "audio/mpeg"))) {
            EndlessUpload.Answer answer = upload.answer();

            assertThat(answer.status()).as(answer.text()).isEqualTo(400);
            assertThat(Fixtures.json(answer.body()).get("error").stringValue())
                    .isEqualTo("body: must not exceed " + CallMedia.MAX_UPLOAD_BYTES + " bytes");
            assertThat(upload.sent()).isGreaterThan(CallMedia.MAX_UPLOAD_BYTES);
            assertThat(upload.serverClosed()).isTrue();
        }
    }

    @Test
    void aDeclaredLengthOverTheCapIsRefusedBeforeTheBodyIsSent() {
        Fixtures.TenantFixture tenant = fixtures.tenant();

        EndlessUpload.Answer answer = EndlessUpload.announce(port, "POST", "/v1/webhooks",
                Map.of("x-api-key", tenant.key(), "Content-Type", "application/json"), 64 * 1024 + 1);

        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(Fixtures.json(answer.body()).at("/details/field").stringValue()).isEqualTo("body");
        EndlessUpload.Answer meta = EndlessUpload.announce(port, "POST", "/webhooks/meta",
                Map.of("Content-Type", "application/json"), 1024 * 1024 + 1);
        assertThat(meta.status()).as(meta.text()).isEqualTo(400);
    }

    private void assertRefusedWhileSending(String method, String path, Map<String, String> headers, long cap) {
        try (EndlessUpload upload = EndlessUpload.start(port, method, path, headers)) {
            EndlessUpload.Answer answer = upload.answer();

            assertThat(answer.status()).as(path + ": " + answer.text()).isEqualTo(400);
            JsonNode error = Fixtures.json(answer.body());
            assertThat(error.get("code").stringValue()).isEqualTo("INVALID_REQUEST");
            assertThat(error.at("/details/field").stringValue()).isEqualTo("body");
            assertThat(error.at("/details/problem").stringValue()).isEqualTo("must not exceed " + cap + " bytes");
            assertThat(answer.headers()).containsEntry("connection", "close");
            assertThat(upload.sent()).as("the client was still sending").isGreaterThan(cap);
            assertThat(upload.serverClosed()).as(path + ": the rest is never read").isTrue();
        }
    }
}
