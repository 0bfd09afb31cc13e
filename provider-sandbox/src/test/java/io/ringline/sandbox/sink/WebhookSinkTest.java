package io.ringline.sandbox.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import io.ringline.sandbox.support.SandboxTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** The recording webhook receiver and its answer switches. */
@SandboxTest
class WebhookSinkTest {

    @Autowired
    WebTestClient client;

    @BeforeEach
    void clear() {
        client.delete().uri("/sandbox/webhook-sink/deliveries").exchange().expectStatus().isNoContent();
        client.delete().uri("/sandbox/webhook-sink/behaviour").exchange().expectStatus().isNoContent();
    }

    @Test
    void recordsEveryRequestOldestFirst() {
        client.post().uri("/sandbox/webhook-sink/tenant-a/hooks?attempt=1")
                .header("Webhook-Id", "evt_1")
                .header("X-Multi", "a", "b")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"event\":\"call.ringing\"}")
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.received").isEqualTo(true);
        client.put().uri("/sandbox/webhook-sink").bodyValue("plain").exchange().expectStatus().isOk();
        client.post().uri("/sandbox/webhook-sink/deliveries").bodyValue("{}").exchange().expectStatus().isOk();

        JsonNode deliveries = deliveries("");
        assertThat(deliveries).hasSize(3);
        JsonNode first = deliveries.get(0);
        assertThat(first.path("method").asString()).isEqualTo("POST");
        assertThat(first.path("path").asString()).isEqualTo("/sandbox/webhook-sink/tenant-a/hooks");
        assertThat(first.path("query").asString()).isEqualTo("attempt=1");
        assertThat(first.path("headers").path("webhook-id").asString()).isEqualTo("evt_1");
        assertThat(first.path("headers").path("x-multi").asString()).isEqualTo("a, b");
        assertThat(first.path("body").asString()).isEqualTo("{\"event\":\"call.ringing\"}");
        assertThat(first.path("status").asInt()).isEqualTo(200);
        assertThat(first.path("receivedAt").asString()).isNotBlank();
        assertThat(deliveries.get(1).path("method").asString()).isEqualTo("PUT");
        assertThat(deliveries.get(1).path("body").asString()).isEqualTo("plain");
        assertThat(deliveries.get(2).path("path").asString()).isEqualTo("/sandbox/webhook-sink/deliveries");

        assertThat(deliveries("/sandbox/webhook-sink/tenant-a")).hasSize(1);

        client.delete().uri("/sandbox/webhook-sink/deliveries").exchange().expectStatus().isNoContent();
        assertThat(deliveries("")).isEmpty();
    }

    @Test
    void answersAsConfiguredPerPathAndForAGivenNumberOfTimes() {
        client.put().uri("/sandbox/webhook-sink/behaviour")
                .bodyValue(Map.of("path", "/flaky", "status", 500, "times", 2))
                .exchange()
                .expectStatus().isOk();

        client.post().uri("/sandbox/webhook-sink/flaky").bodyValue("1").exchange().expectStatus().isEqualTo(500)
                .expectBody().jsonPath("$.received").isEqualTo(false);
        client.post().uri("/sandbox/webhook-sink/flaky").bodyValue("2").exchange().expectStatus().isEqualTo(500);
        client.post().uri("/sandbox/webhook-sink/flaky").bodyValue("3").exchange().expectStatus().isOk();
        client.post().uri("/sandbox/webhook-sink/steady").bodyValue("4").exchange().expectStatus().isOk();

        JsonNode deliveries = deliveries("");
        assertThat(deliveries.findValues("status").stream().map(JsonNode::asInt).toList())
                .containsExactly(500, 500, 200, 200);
    }

    @Test
    void answersSlowlyWhenToldTo() {
        client.put().uri("/sandbox/webhook-sink/behaviour")
                .bodyValue(Map.of("status", 204, "delayMs", 300))
                .exchange()
                .expectStatus().isOk();

        long started = System.nanoTime();
        client.post().uri("/sandbox/webhook-sink/slow").bodyValue("x").exchange().expectStatus().isNoContent();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void rejectsNonsenseBehaviour() {
        client.put().uri("/sandbox/webhook-sink/behaviour").bodyValue(Map.of("status", 42)).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").exists();
    }

    private JsonNode deliveries(String pathPrefix) {
        return client.get().uri(uri -> uri.path("/sandbox/webhook-sink/deliveries")
                        .queryParamIfPresent("path", java.util.Optional.of(pathPrefix).filter(p -> !p.isEmpty()))
                        .build())
                .exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }
}
