package io.ringline.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.gateway.support.Fixtures.NumberFixture;
import io.ringline.gateway.support.GatewayIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsIntegrationTest extends GatewayIntegrationTest {

    @Test
    void commandLatencyProviderWebhooksAndHttpServerMetricsAreScraped() {
        NumberFixture number = fixtures.evoGoNumber(fixtures.tenant());
        http.post().uri("/v1/calls").header("x-api-key", number.key()).bodyValue(Map.of("to", "+5511966665555"))
                .exchange().expectStatus().isCreated();
        http.post().uri("/webhooks/evolution-go").bodyValue(Map.of("event", "CallRinging",
                        "instanceName", number.instanceName(), "instanceToken", number.instanceToken(),
                        "data", Map.of("CallID", "M1")))
                .exchange().expectStatus().isOk();

        // Histograms of every route seen so far make the scrape larger than WebTestClient's default buffer.
        String scrape = http.mutate().codecs(c -> c.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build().get().uri("/actuator/prometheus")
                .header("x-internal-token", INTERNAL_TOKEN).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(scrape)
                .containsPattern("ringline_gateway_command_seconds_count\\{[^}]*command=\"place\"[^}]*outcome=\"ok\"")
                .containsPattern("ringline_gateway_provider_webhooks_total\\{[^}]*outcome=\"accepted\"[^}]*provider=\"EVO_GO\"")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/v1/calls\"");
    }
}
