package io.ringline.gateway.security;

import static io.ringline.gateway.support.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.gateway.support.Fixtures.NumberFixture;
import io.ringline.gateway.support.Fixtures.TenantFixture;
import io.ringline.gateway.support.GatewayIntegrationTest;
import io.ringline.platform.security.testing.RawHttp;
import io.ringline.platform.security.testing.RouteMatrix;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * Failed authentications are cheap and bounded (docs/security.md): a repeated wrong key costs one database read;
 * after 10 failures with one key prefix or 30 from one address within a minute, further attempts get
 * {@code 429 RATE_LIMITED} with {@code Retry-After} before any lookup; keys already known to be valid are not held
 * up; a new key works at once. Every request comes from its own loopback address unless the test pins one.
 */
class FailedAuthenticationIntegrationTest extends GatewayIntegrationTest {

    @Autowired
    MeterRegistry meters;

    @Test
    void aRepeatedWrongKeyCostsOneReadAndIsThrottledByItsPrefix() {
        String wrong = "rl_" + RouteMatrix.random(43);
        double before = reads("api-key");
        for (int i = 0; i < 10; i++) {
            RawHttp.Response refused = get("/v1/calls", Map.of("x-api-key", wrong));
            assertThat(refused.status()).as("attempt %d: %s", i + 1, refused).isEqualTo(401);
            assertThat(refused.text()).contains("\"code\":\"UNAUTHORIZED\"");
        }
        assertThat(reads("api-key") - before).as("database reads for 10 attempts with one wrong key").isEqualTo(1);

        RawHttp.Response throttled = get("/v1/calls", Map.of("x-api-key", wrong));
        assertThat(throttled.status()).as(throttled.toString()).isEqualTo(429);
        assertThat(throttled.text()).contains("\"code\":\"RATE_LIMITED\"");
        assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(1L, 60L);
        // Any key with that prefix waits too, and nothing is read for it.
        RawHttp.Response samePrefix = get("/v1/numbers", Map.of("x-api-key", wrong.substring(0, 10) + RouteMatrix.random(36)));
        assertThat(samePrefix.status()).isEqualTo(429);
        assertThat(reads("api-key") - before).isEqualTo(1);
    }

    @Test
    void anAddressWithTooManyFailuresWaitsButKnownKeysAndOtherAddressesDoNot() {
        String source = "127.88." + (1 + (int) (Math.random() * 200)) + "." + (1 + (int) (Math.random() * 200));
        for (int i = 0; i < 30; i++) {
            RawHttp.Response refused = RawHttp.send(source, port, "GET", "/v1/calls",
                    Map.of("x-api-key", "rl_" + RouteMatrix.random(43)), null);
            assertThat(refused.status()).as("attempt %d: %s", i + 1, refused).isEqualTo(401);
        }
        RawHttp.Response throttled = RawHttp.send(source, port, "GET", "/v1/calls",
                Map.of("x-api-key", "rl_" + RouteMatrix.random(43)), null);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isNotBlank();

        // A key minted just now is unknown to this instance's memory: from the throttled address it waits, unread.
        TenantFixture tenant = fixtures.tenant();
        NumberFixture number = fixtures.evoGoNumber(tenant);
        double before = reads("api-key");
        assertThat(RawHttp.send(source, port, "GET", "/v1/calls", Map.of("x-api-key", number.key()), null).status())
                .isEqualTo(429);
        assertThat(reads("api-key")).isEqualTo(before);
        // Elsewhere it works at once; once known, it works from the throttled address too.
        assertThat(get("/v1/calls", Map.of("x-api-key", number.key())).status()).isEqualTo(200);
        assertThat(RawHttp.send(source, port, "GET", "/v1/calls", Map.of("x-api-key", number.key()), null).status())
                .isEqualTo(200);
    }

    @Test
    void theOperatorTokenAndTheGoLayerAreThrottledToo() {
        String wrongOperator = "not-the-operator-token";
        for (int i = 0; i < 10; i++) {
            assertThat(post("/admin/tenants", Map.of("x-operator-token", wrongOperator)).status()).isEqualTo(401);
        }
        RawHttp.Response operator = post("/admin/tenants", Map.of("x-operator-token", wrongOperator));
        assertThat(operator.status()).isEqualTo(429);
        assertThat(operator.text()).contains("\"code\":\"RATE_LIMITED\"");

        String wrongGo = "go-" + RouteMatrix.random(20);
        for (int i = 0; i < 10; i++) {
            assertThat(get("/api/layer/evolution-go/call/list", Map.of("apikey", wrongGo)).text())
                    .isEqualTo("{\"error\":\"invalid apikey\"}");
        }
        RawHttp.Response go = get("/api/layer/evolution-go/call/list", Map.of("apikey", wrongGo));
        assertThat(go.status()).isEqualTo(429);
        assertThat(go.text()).startsWith("{\"error\":\"too many failed authentications").doesNotContain("code");
        assertThat(go.header("Retry-After")).isNotBlank();
    }

    @Test
    void aNewKeyWorksAtOnce() {
        TenantFixture tenant = fixtures.tenant();
        JsonNode created = json(http.post().uri("/v1/api-keys").header("x-api-key", tenant.key())
                .bodyValue(Map.of("name", "fresh")).exchange(), HttpStatus.CREATED);
        assertThat(get("/v1/api-keys", Map.of("x-api-key", created.get("key").stringValue())).status()).isEqualTo(200);
    }

    private RawHttp.Response get(String path, Map<String, String> headers) {
        return RawHttp.send(port, "GET", path, headers, null);
    }

    private RawHttp.Response post(String path, Map<String, String> headers) {
        return RawHttp.send(port, "POST", path, Map.of("Content-Type", "application/json",
                headers.keySet().iterator().next(), headers.values().iterator().next()), "{}".getBytes());
    }

    private double reads(String credential) {
        var counter = meters.find("ringline.security.credential.reads").tag("credential", credential).counter();
        return counter == null ? 0 : counter.count();
    }
}
