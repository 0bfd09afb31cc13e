package io.ringline.sandbox.evogo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;

import io.ringline.sandbox.support.ProviderWebhookRecorder;
import io.ringline.sandbox.support.SandboxClient.GoInstance;
import io.ringline.sandbox.support.SandboxTest;
import io.ringline.sandbox.support.SandboxTestSupport;
import io.ringline.sandbox.support.TestPhones;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** GO's pairing routes on a simulated instance and the control API's "scan", over HTTP. */
@SandboxTest
class GoPairingFlowTest extends SandboxTestSupport {

    @Test
    void anUnpairedInstanceShowsACodeAndScanningItLogsTheInstanceInAndSaysSo() {
        var instance = new GoInstance("pair-" + TestPhones.random(), "tok-pair", TestPhones.random());
        sandbox.provisionGo(instance, receiver.url("/provisioned"), false);
        try (ProviderWebhookRecorder ringline = new ProviderWebhookRecorder()) {
            assertThat(status(instance)).isEqualTo("close");
            sandbox.goPost(instance, "/call/start").bodyValue(Map.of("number", TestPhones.random()))
                    .exchange().expectStatus().isEqualTo(409);

            JsonNode connected = sandbox.goPost(instance, "/instance/connect")
                    .bodyValue(Map.of("webhookUrl", ringline.url("/webhooks/evolution-go"), "subscribe", List.of("ALL")))
                    .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
            assertThat(connected.path("message").asString()).isEqualTo("success");
            assertThat(connected.path("data").path("jid").asString()).isEmpty();
            assertThat(connected.path("data").path("webhookUrl").asString()).endsWith("/webhooks/evolution-go");
            assertThat(connected.path("data").path("eventString").asString()).isEqualTo("ALL");

            String code = qr(instance).path("data").path("code").asString();
            assertThat(code).startsWith("2@");
            scan(instance, "2@not-the-code").expectStatus().isEqualTo(409);
            scan(instance, code).expectStatus().isOk().expectBody()
                    .jsonPath("$.connected").isEqualTo(true);

            await().atMost(DEADLINE).until(() -> !ringline.all().isEmpty());
            JsonNode update = ringline.all().getFirst().json();
            assertThat(update.path("event").asString()).isEqualTo("ConnectionUpdate");
            assertThat(update.path("instanceName").asString()).isEqualTo(instance.name());
            assertThat(update.path("instanceToken").asString()).isEqualTo(instance.token());
            assertThat(update.path("data").path("state").asString()).isEqualTo("open");
            assertThat(receiver.all()).as("the old webhook URL got nothing").isEmpty();

            assertThat(status(instance)).isEqualTo("open");
            sandbox.goGet(instance, "/instance/qr").exchange().expectStatus().isBadRequest().expectBody()
                    .jsonPath("$.error").isEqualTo("session already logged in");
            scan(instance, null).expectStatus().isEqualTo(409);
            sandbox.goPost(instance, "/call/start").bodyValue(Map.of("number", TestPhones.random()))
                    .exchange().expectStatus().isCreated();
        }
    }

    @Test
    void scanningNeedsAKnownInstanceThatShowsACode() {
        client.post().uri("/sandbox/instances/{name}/scan", "no-such-instance").exchange().expectStatus().isNotFound();
        var instance = new GoInstance("pair-" + TestPhones.random(), "tok-pair", TestPhones.random());
        sandbox.provisionGo(instance, receiver.url("/webhooks"), false);
        scan(instance, null).expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.error").value(error -> assertThat((String) error).contains("shows no QR code"));
        client.get().uri("/evogo/" + instance.name() + "/instance/qr").header("apikey", "wrong").exchange()
                .expectStatus().isUnauthorized();
    }

    private String status(GoInstance instance) {
        return sandbox.goGet(instance, "/instance/status").exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody().path("state").asString();
    }

    private JsonNode qr(GoInstance instance) {
        return sandbox.goGet(instance, "/instance/qr").exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private WebTestClient.ResponseSpec scan(GoInstance instance, String code) {
        var request = client.post().uri("/sandbox/instances/{name}/scan", instance.name());
        return code == null ? request.exchange() : request.bodyValue(Map.of("code", code)).exchange();
    }
}
