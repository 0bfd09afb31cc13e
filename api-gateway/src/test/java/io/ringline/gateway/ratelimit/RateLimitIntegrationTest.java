package io.ringline.gateway.ratelimit;

import static io.ringline.gateway.support.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.gateway.GatewayApplication;
import io.ringline.gateway.support.Fixtures;
import io.ringline.gateway.support.TestInfra;
import io.ringline.infra.InfraProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** Its own context: a bucket of 3 that refills once a minute makes the 429 deterministic. */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.config.name=api-gateway",
                "ringline.gateway.rate-limit.capacity=3",
                "ringline.gateway.rate-limit.refill-per-second=0.0166"
        })
class RateLimitIntegrationTest {

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        InfraProperties.register(registry);
        registry.add("ringline.signaling.url", () -> TestInfra.http().url());
        registry.add("ringline.fanout.url", () -> TestInfra.http().url());
    }

    @LocalServerPort
    int port;

    @Test
    void aKeyOverItsLimitGets429WithRetryAfterWhileOtherKeysGoOn() {
        WebTestClient http = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();
        Fixtures fixtures = new Fixtures(http);
        var a = fixtures.tenant();
        var b = fixtures.tenant();

        for (int i = 0; i < 3; i++) {
            http.get().uri("/v1/webhooks").header("x-api-key", a.key()).exchange().expectStatus().isOk()
                    .expectHeader().valueEquals("X-RateLimit-Limit", "3");
        }
        var limited = http.get().uri("/v1/webhooks").header("x-api-key", a.key()).exchange();
        limited.expectHeader().value("Retry-After", v -> assertThat(Long.parseLong(v)).isBetween(1L, 61L));
        JsonNode error = json(limited, HttpStatus.TOO_MANY_REQUESTS);
        assertThat(error.get("code").stringValue()).isEqualTo("RATE_LIMITED");

        http.get().uri("/v1/webhooks").header("x-api-key", b.key()).exchange().expectStatus().isOk();
    }

    @Test
    void theEvolutionGoLayerTokenHasItsOwnBucketToo() {
        WebTestClient http = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();
        var number = new Fixtures(http).evoGoNumber(new Fixtures(http).tenant());

        for (int i = 0; i < 3; i++) {
            http.get().uri("/api/layer/evolution-go/call/list").header("apikey", number.instanceToken()).exchange()
                    .expectStatus().isOk().expectHeader().valueEquals("X-RateLimit-Limit", "3");
        }
        var limited = http.get().uri("/api/layer/evolution-go/call/list").header("apikey", number.instanceToken())
                .exchange();
        limited.expectHeader().exists("Retry-After");
        JsonNode error = json(limited, HttpStatus.TOO_MANY_REQUESTS);
        assertThat(error.get("error").stringValue()).isNotBlank();

        // The number's own API key is a different caller with a full bucket.
        http.get().uri("/v1/calls").header("x-api-key", number.key()).exchange().expectStatus().isOk();
    }
}
