package io.ringline.gateway.ratelimit;

import static io.ringline.gateway.support.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.gateway.GatewayApplication;
import io.ringline.gateway.support.Fixtures;
import io.ringline.gateway.support.Fixtures.TenantFixture;
import io.ringline.gateway.support.GatewayIntegrationTest;
import io.ringline.gateway.support.TestInfra;
import io.ringline.infra.InfraProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Per-key, per-tenant and per-source limits on one instance (their sharing across instances:
 * {@link MultiInstanceRateLimitIntegrationTest}). Buckets refill once a minute, so counts are exact; each test
 * sets its tenant's limits through the operator API after creating what it needs.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.config.name=api-gateway",
                "ringline.gateway.rate-limit.defaults.tenant-per-second=0.0166",
                "ringline.gateway.rate-limit.defaults.tenant-burst=1000",
                "ringline.gateway.rate-limit.defaults.key-per-second=0.0166",
                "ringline.gateway.rate-limit.defaults.key-burst=1000",
                "ringline.gateway.source-limit.anonymous.per-second=0.0166",
                "ringline.gateway.source-limit.anonymous.burst=5",
                "ringline.gateway.source-limit.webhooks.per-second=0.0166",
                "ringline.gateway.source-limit.webhooks.burst=5",
                // The test client is the "proxy": each test names its own client address in X-Forwarded-For.
                "ringline.gateway.source-limit.trusted-proxies=127.0.0.1/32,::1/128"
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

    private WebTestClient http;
    private Fixtures fixtures;

    @BeforeEach
    void connect() {
        http = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30))
                .build();
        fixtures = new Fixtures(http);
    }

    @Test
    void aKeyOverItsLimitGets429WithRetryAfterWhileTheTenantsOtherKeysGoOn() {
        TenantFixture tenant = fixtures.tenant();
        String other = tenantKey(tenant);
        limit(tenant, Map.of("keyBurst", 3));

        for (int remaining = 2; remaining >= 0; remaining--) {
            get(tenant.key()).expectStatus().isOk()
                    .expectHeader().valueEquals("X-RateLimit-Limit", "3")
                    .expectHeader().valueEquals("X-RateLimit-Remaining", String.valueOf(remaining));
        }
        assertLimited(get(tenant.key()), "key");

        get(other).expectStatus().isOk();
    }

    @Test
    void moreKeysDoNotMultiplyTheTenantsLimit() {
        TenantFixture tenant = fixtures.tenant();
        List<String> keys = new ArrayList<>(List.of(tenant.key()));
        for (int i = 0; i < 5; i++) {
            keys.add(tenantKey(tenant));
        }
        TenantFixture bystander = fixtures.tenant();
        limit(tenant, Map.of("tenantBurst", 6));

        int allowed = 0;
        for (int round = 0; round < 3; round++) {
            for (String key : keys) {
                var response = get(key).returnResult(byte[].class);
                if (response.getStatus().value() == 200) {
                    allowed++;
                } else {
                    assertThat(response.getStatus().value()).isEqualTo(429);
                }
            }
        }
        assertThat(allowed).as("6 keys, 18 requests, one tenant bucket of 6").isEqualTo(6);
        assertLimited(get(keys.getLast()), "tenant");
        get(bystander.key()).expectStatus().isOk();
    }

    @Test
    void theEvolutionGoLayerTokenCountsAgainstItsTenantToo() {
        TenantFixture tenant = fixtures.tenant();
        var number = fixtures.evoGoNumber(tenant);
        limit(tenant, Map.of("tenantBurst", 2));

        http.get().uri("/api/layer/evolution-go/call/list").header("apikey", number.instanceToken()).exchange()
                .expectStatus().isOk().expectHeader().exists("X-RateLimit-Remaining");
        http.get().uri("/v1/calls").header("x-api-key", number.key()).exchange().expectStatus().isOk();

        var limited = http.get().uri("/api/layer/evolution-go/call/list").header("apikey", number.instanceToken())
                .exchange();
        limited.expectHeader().exists("Retry-After");
        JsonNode error = json(limited, HttpStatus.TOO_MANY_REQUESTS);
        assertThat(error.get("error").stringValue()).contains("this tenant");
    }

    @Test
    void anOperatorsChangeAppliesFromTheNextRequestAndNullRestoresTheDefault() {
        TenantFixture tenant = fixtures.tenant();
        String first = tenantKey(tenant);
        String second = tenantKey(tenant);

        limit(tenant, Map.of("keyBurst", 1));
        get(first).expectStatus().isOk();
        assertLimited(get(first), "key");

        java.util.Map<String, Object> reset = new java.util.HashMap<>();
        reset.put("keyBurst", null);
        JsonNode restored = limit(tenant, reset);
        assertThat(restored.at("/rateLimits/keyBurst").intValue()).isEqualTo(1000);
        for (int i = 0; i < 5; i++) {
            get(second).expectStatus().isOk();
        }
    }

    @Test
    void requestsWithoutCredentialsAreLimitedPerSourceAddress() {
        for (int i = 0; i < 5; i++) {
            anonymous("198.51.100.1").expectStatus().isOk();
        }
        var limited = anonymous("198.51.100.1");
        limited.expectHeader().value("Retry-After", v -> assertThat(Long.parseLong(v)).isBetween(1L, 61L));
        JsonNode error = json(limited, HttpStatus.TOO_MANY_REQUESTS);
        assertThat(error.get("code").stringValue()).isEqualTo("RATE_LIMITED");
        assertThat(error.at("/details/limit").stringValue()).isEqualTo("source");

        // Another address, and the same address's webhook budget, are separate.
        anonymous("198.51.100.2").expectStatus().isOk();
        webhook("198.51.100.1").expectStatus().isUnauthorized();
        // A protected route without its credential counts as anonymous.
        json(http.get().uri("/v1/calls").header("X-Forwarded-For", "198.51.100.1").exchange(),
                HttpStatus.TOO_MANY_REQUESTS);
    }

    @Test
    void webhooksAreLimitedPerSourceAddressBeforeTheirBodyIsLookedAt() {
        for (int i = 0; i < 5; i++) {
            webhook("198.51.100.20").expectStatus().isUnauthorized();
        }
        JsonNode error = json(webhook("198.51.100.20"), HttpStatus.TOO_MANY_REQUESTS);
        assertThat(error.at("/details/limit").stringValue()).isEqualTo("source");
        webhook("198.51.100.21").expectStatus().isUnauthorized();
    }

    @Test
    void failedAuthenticationsAreChargedToTheSourcesAnonymousBudget() {
        for (int i = 0; i < 5; i++) {
            json(http.get().uri("/v1/calls").header("X-Forwarded-For", "198.51.100.30")
                    .header("x-api-key", "rl_" + "x".repeat(43)).exchange(), HttpStatus.UNAUTHORIZED);
        }
        json(anonymous("198.51.100.30"), HttpStatus.TOO_MANY_REQUESTS);

        // A valid key from that address still works: the source budget never refuses a credentialed request.
        TenantFixture tenant = fixtures.tenant();
        http.get().uri("/v1/api-keys").header("X-Forwarded-For", "198.51.100.30").header("x-api-key", tenant.key())
                .exchange().expectStatus().isOk();
    }

    private WebTestClient.ResponseSpec get(String key) {
        return http.get().uri("/v1/api-keys").header("x-api-key", key).exchange();
    }

    private WebTestClient.ResponseSpec anonymous(String source) {
        return http.get().uri("/openapi.json").header("X-Forwarded-For", source).exchange();
    }

    private WebTestClient.ResponseSpec webhook(String source) {
        return http.post().uri("/webhooks/meta").header("X-Forwarded-For", source)
                .header("Content-Type", "application/json").bodyValue("{\"entry\":[]}").exchange();
    }

    private String tenantKey(TenantFixture tenant) {
        return json(http.post().uri("/v1/api-keys").header("x-api-key", tenant.key())
                .bodyValue(Map.of("name", "extra")).exchange(), HttpStatus.CREATED).get("key").stringValue();
    }

    private JsonNode limit(TenantFixture tenant, Map<String, Object> rateLimits) {
        return json(http.patch().uri("/admin/tenants/{id}", tenant.id())
                .header("x-operator-token", GatewayIntegrationTest.OPERATOR_TOKEN)
                .bodyValue(Map.of("rateLimits", rateLimits)).exchange(), HttpStatus.OK);
    }

    private static void assertLimited(WebTestClient.ResponseSpec response, String limit) {
        response.expectHeader().value("Retry-After", v -> assertThat(Long.parseLong(v)).isBetween(1L, 61L));
        JsonNode error = json(response, HttpStatus.TOO_MANY_REQUESTS);
        assertThat(error.get("code").stringValue()).isEqualTo("RATE_LIMITED");
        assertThat(error.at("/details/limit").stringValue()).isEqualTo(limit);
    }
}
