package io.ringline.gateway.calls;

import static io.ringline.gateway.support.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.gateway.support.FakeSignalingService;
import io.ringline.gateway.support.Fixtures.NumberFixture;
import io.ringline.gateway.support.GatewayIntegrationTest;
import io.ringline.gateway.support.TestInfra;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * What tenants read when a provider is busy or unreachable (docs/security.md "Outbound requests"): {@code 503
 * PROVIDER_BUSY} with {@code Retry-After}, and one fixed {@code 502 PROVIDER_UNREACHABLE} body, on the public API
 * and on the Evolution GO compatibility layer.
 */
class ProviderFailuresApiIntegrationTest extends GatewayIntegrationTest {

    private static final String TO = "+5511988887777";

    @Test
    void aBusyNumberIsAnswered503WithRetryAfterOnBothApis() {
        NumberFixture number = fixtures.evoGoNumber(fixtures.tenant());
        TestInfra.signaling().behave(number.id(), FakeSignalingService.fail(503, "PROVIDER_BUSY",
                "Too many requests to Evolution GO are in progress for this number; retry later",
                "{\"retryAfterSeconds\":5}"));

        var publicAnswer = http.post().uri("/v1/calls").header("x-api-key", number.key())
                .bodyValue(Map.of("to", TO)).exchange();
        publicAnswer.expectHeader().valueEquals("Retry-After", "5");
        JsonNode error = json(publicAnswer, HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(error.get("code").stringValue()).isEqualTo("PROVIDER_BUSY");
        assertThat(error.at("/details/retryAfterSeconds").intValue()).isEqualTo(5);

        var layerAnswer = http.post().uri("/api/layer/evolution-go/call/start").header("apikey", number.instanceToken())
                .bodyValue(Map.of("number", "5511988887777")).exchange();
        layerAnswer.expectHeader().valueEquals("Retry-After", "5");
        JsonNode goError = json(layerAnswer, HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(goError.get("error").stringValue()).startsWith("Too many requests to Evolution GO");
    }

    @Test
    void anUnreachableProviderReadsTheSameWhateverHappened() {
        NumberFixture number = fixtures.evoGoNumber(fixtures.tenant());
        TestInfra.signaling().behave(number.id(), FakeSignalingService.fail(502, "PROVIDER_UNREACHABLE",
                "Evolution GO could not be reached", null));

        byte[] body = http.post().uri("/v1/calls").header("x-api-key", number.key())
                .bodyValue(Map.of("to", TO)).exchange()
                .expectStatus().isEqualTo(HttpStatus.BAD_GATEWAY)
                .expectBody().returnResult().getResponseBody();
        assertThat(new String(body, StandardCharsets.UTF_8))
                .isEqualTo("{\"error\":\"Evolution GO could not be reached\",\"code\":\"PROVIDER_UNREACHABLE\"}");

        byte[] layerBody = http.post().uri("/api/layer/evolution-go/call/start").header("apikey", number.instanceToken())
                .bodyValue(Map.of("number", "5511988887777")).exchange()
                .expectStatus().isEqualTo(HttpStatus.BAD_GATEWAY)
                .expectBody().returnResult().getResponseBody();
        assertThat(new String(layerBody, StandardCharsets.UTF_8)).isEqualTo("{\"error\":\"Evolution GO could not be reached\"}");
    }
}
