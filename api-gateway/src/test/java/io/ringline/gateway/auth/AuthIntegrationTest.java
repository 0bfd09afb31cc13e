package io.ringline.gateway.auth;

import static io.ringline.gateway.support.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.gateway.support.Fixtures.NumberFixture;
import io.ringline.gateway.support.Fixtures.TenantFixture;
import io.ringline.gateway.support.GatewayIntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

class AuthIntegrationTest extends GatewayIntegrationTest {

    private static final List<String> PATHS = List.of("/v1/numbers", "/v1/api-keys", "/v1/calls", "/v1/webhooks",
            "/v1/calls/settings", "/v1/calls/nothing-here");

    @Test
    void missingMalformedOrUnknownKeysAreUnauthorized() {
        String wellFormedButUnknown = "rl_" + "A".repeat(43);
        for (String path : PATHS) {
            expectUnauthorized(path, null);
            expectUnauthorized(path, "not-a-key");
            expectUnauthorized(path, wellFormedButUnknown);
        }
    }

    @Test
    void tenantKeysCannotUseTheCallsApi() {
        TenantFixture tenant = fixtures.tenant();
        for (var route : List.of(Map.entry(HttpMethod.GET, "/v1/calls"), Map.entry(HttpMethod.POST, "/v1/calls"),
                Map.entry(HttpMethod.GET, "/v1/calls/settings"),
                Map.entry(HttpMethod.POST, "/v1/calls/call_01HZY0000000000000000000000/accept"))) {
            JsonNode error = json(http.method(route.getKey()).uri(route.getValue()).header("x-api-key", tenant.key())
                    .exchange(), HttpStatus.FORBIDDEN);
            assertThat(error.get("code").stringValue()).as(route.toString()).isEqualTo("TENANT_SCOPE_NOT_ALLOWED");
        }
    }

    @Test
    void numberKeysCannotUseTheTenantAdminSurface() {
        NumberFixture number = fixtures.evoGoNumber(fixtures.tenant());
        for (var route : List.of(Map.entry(HttpMethod.GET, "/v1/numbers"), Map.entry(HttpMethod.POST, "/v1/numbers"),
                Map.entry(HttpMethod.GET, "/v1/numbers/" + number.id()), Map.entry(HttpMethod.GET, "/v1/api-keys"),
                Map.entry(HttpMethod.POST, "/v1/api-keys"), Map.entry(HttpMethod.DELETE, "/v1/api-keys/key_x"))) {
            JsonNode error = json(http.method(route.getKey()).uri(route.getValue()).header("x-api-key", number.key())
                    .exchange(), HttpStatus.FORBIDDEN);
            assertThat(error.get("code").stringValue()).as(route.toString()).isEqualTo("NUMBER_SCOPE_NOT_ALLOWED");
        }
    }

    @Test
    void webhooksTakeBothScopesAndPublicRoutesNeedNoKey() {
        TenantFixture tenant = fixtures.tenant();
        NumberFixture number = fixtures.evoGoNumber(tenant);

        http.get().uri("/v1/webhooks").header("x-api-key", tenant.key()).exchange().expectStatus().isOk();
        http.get().uri("/v1/webhooks").header("x-api-key", number.key()).exchange().expectStatus().isOk();
        http.get().uri("/v1/calls").header("x-api-key", number.key()).exchange().expectStatus().isOk();
        http.get().uri("/actuator/health").exchange().expectStatus().isOk();
        http.get().uri("/actuator/prometheus").header("x-internal-token", INTERNAL_TOKEN).exchange()
                .expectStatus().isOk();
        assertThat(json(http.get().uri("/actuator/prometheus").exchange(), HttpStatus.UNAUTHORIZED)
                .get("code").stringValue()).isEqualTo("UNAUTHORIZED");
    }

    /** Deny by default: a path no rule names is refused like a path no route serves, whoever asks. */
    @Test
    void pathsNoRuleNamesAreNotFoundForEveryone() {
        TenantFixture tenant = fixtures.tenant();
        for (String path : List.of("/v1/nothing-here", "/v2/calls", "/internal/live-calls", "/")) {
            JsonNode anonymous = json(http.get().uri(path).exchange(), HttpStatus.NOT_FOUND);
            assertThat(anonymous.get("code").stringValue()).as(path).isEqualTo("NOT_FOUND");
            json(http.get().uri(path).header("x-api-key", tenant.key()).exchange(), HttpStatus.NOT_FOUND);
        }
    }

    private void expectUnauthorized(String path, String key) {
        var request = http.get().uri(path);
        if (key != null) {
            request = request.header("x-api-key", key);
        }
        JsonNode error = json(request.exchange(), HttpStatus.UNAUTHORIZED);
        assertThat(error.get("code").stringValue()).as(path + " " + key).isEqualTo("UNAUTHORIZED");
        assertThat(error.get("error").stringValue()).isNotBlank();
    }
}
