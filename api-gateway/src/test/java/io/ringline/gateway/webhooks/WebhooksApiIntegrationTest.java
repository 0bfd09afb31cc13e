package io.ringline.gateway.webhooks;

import static io.ringline.gateway.support.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.gateway.support.FakeInternalServices.Seen;
import io.ringline.gateway.support.Fixtures.NumberFixture;
import io.ringline.gateway.support.Fixtures.TenantFixture;
import io.ringline.gateway.support.GatewayIntegrationTest;
import io.ringline.gateway.support.TestInfra;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

class WebhooksApiIntegrationTest extends GatewayIntegrationTest {

    @Test
    void tenantKeyCreatesTenantWideOrPerNumberSubscriptions() {
        TenantFixture tenant = fixtures.tenant();
        NumberFixture number = fixtures.evoGoNumber(tenant);

        JsonNode wide = json(http.post().uri("/v1/webhooks").header("x-api-key", tenant.key())
                .bodyValue(Map.of("url", "https://hooks.example.com/a", "name", "all", "events",
                        List.of("call.ringing", "call.ended", "call.ringing")))
                .exchange(), HttpStatus.CREATED);
        assertThat(wide.get("secret").stringValue()).startsWith("whsec_");
        assertThat(wide.get("whatsappNumberIds").isEmpty()).isTrue();
        Seen create = lastSeen("POST", tenant.id());
        JsonNode forwarded = io.ringline.gateway.support.Fixtures.json(create.body().getBytes());
        assertThat(forwarded.get("events")).extracting(JsonNode::stringValue).containsExactly("call.ringing", "call.ended");
        assertThat(forwarded.get("whatsappNumberIds").isEmpty()).isTrue();
        assertThat(create.token()).isEqualTo("dev-internal-token");

        JsonNode scoped = json(http.post().uri("/v1/webhooks").header("x-api-key", tenant.key())
                .bodyValue(Map.of("url", "http://localhost:9999/hook", "events", List.of("*"),
                        "whatsappNumberId", number.id()))
                .exchange(), HttpStatus.CREATED);
        assertThat(scoped.get("whatsappNumberIds")).extracting(JsonNode::stringValue).containsExactly(number.id());

        JsonNode list = json(http.get().uri("/v1/webhooks").header("x-api-key", tenant.key()).exchange(), HttpStatus.OK);
        assertThat(list.isArray()).as("a bare array").isTrue();
        assertThat(list).hasSize(2);
        assertThat(lastSeen("GET", tenant.id()).query()).doesNotContainKey("numberId");
    }

    @Test
    void numberKeySeesAndCreatesOnlyItsOwnNumbersSubscriptions() {
        TenantFixture tenant = fixtures.tenant();
        NumberFixture number = fixtures.evoGoNumber(tenant);
        NumberFixture sibling = fixtures.evoGoNumber(tenant);
        JsonNode tenantWide = json(http.post().uri("/v1/webhooks").header("x-api-key", tenant.key())
                .bodyValue(Map.of("url", "https://hooks.example.com/all", "events", List.of("*"))).exchange(),
                HttpStatus.CREATED);

        JsonNode own = json(http.post().uri("/v1/webhooks").header("x-api-key", number.key())
                .bodyValue(Map.of("url", "https://hooks.example.com/own", "events", List.of("call.connected")))
                .exchange(), HttpStatus.CREATED);
        assertThat(own.get("whatsappNumberIds")).extracting(JsonNode::stringValue).containsExactly(number.id());

        JsonNode foreign = json(http.post().uri("/v1/webhooks").header("x-api-key", number.key())
                .bodyValue(Map.of("url", "https://hooks.example.com/x", "events", List.of("*"),
                        "whatsappNumberId", sibling.id())).exchange(), HttpStatus.NOT_FOUND);
        assertThat(foreign.get("code").stringValue()).isEqualTo("NUMBER_NOT_FOUND");

        JsonNode list = json(http.get().uri("/v1/webhooks").header("x-api-key", number.key()).exchange(), HttpStatus.OK);
        assertThat(list).extracting(h -> h.get("id").stringValue()).containsExactly(own.get("id").stringValue());
        assertThat(lastSeen("GET", tenant.id()).query()).containsEntry("numberId", List.of(number.id()));

        json(http.get().uri("/v1/webhooks/{id}", tenantWide.get("id").stringValue()).header("x-api-key", number.key())
                .exchange(), HttpStatus.NOT_FOUND);
        json(http.delete().uri("/v1/webhooks/{id}", tenantWide.get("id").stringValue())
                .header("x-api-key", number.key()).exchange(), HttpStatus.NOT_FOUND);

        JsonNode patched = json(http.patch().uri("/v1/webhooks/{id}", own.get("id").stringValue())
                .header("x-api-key", number.key()).bodyValue(Map.of("active", false, "events", List.of("call.ended")))
                .exchange(), HttpStatus.OK);
        assertThat(patched.get("active").booleanValue()).isFalse();
        http.delete().uri("/v1/webhooks/{id}", own.get("id").stringValue()).header("x-api-key", number.key())
                .exchange().expectStatus().isNoContent();
        json(http.get().uri("/v1/webhooks/{id}", own.get("id").stringValue()).header("x-api-key", number.key())
                .exchange(), HttpStatus.NOT_FOUND);
    }

    @Test
    void invalidSubscriptionsAreRefusedNamingTheFieldAndNeverForwarded() {
        TenantFixture tenant = fixtures.tenant();
        TenantFixture other = fixtures.tenant();
        NumberFixture othersNumber = fixtures.evoGoNumber(other);

        expectInvalid(tenant, Map.of("url", "ftp://hooks.example.com", "events", List.of("*")), "url");
        expectInvalid(tenant, Map.of("url", "/relative", "events", List.of("*")), "url");
        expectInvalid(tenant, Map.of("url", "https://hooks.example.com"), "events");
        expectInvalid(tenant, Map.of("url", "https://hooks.example.com", "events", List.of("call.bogus")),
                "events[0]");
        expectInvalid(tenant, Map.of("url", "https://hooks.example.com", "events", "call.ended"), "events");
        expectInvalid(tenant, Map.of("url", "https://hooks.example.com", "events", List.of("*"), "secret", "x"),
                "secret");
        JsonNode foreign = json(http.post().uri("/v1/webhooks").header("x-api-key", tenant.key())
                .bodyValue(Map.of("url", "https://hooks.example.com", "events", List.of("*"),
                        "whatsappNumberId", othersNumber.id())).exchange(), HttpStatus.NOT_FOUND);
        assertThat(foreign.get("code").stringValue()).isEqualTo("NUMBER_NOT_FOUND");

        assertThat(TestInfra.http().seen()).noneMatch(s -> s.method().equals("POST")
                && s.path().equals("/internal/tenants/" + tenant.id() + "/webhooks"));
    }

    @Test
    void anotherTenantsSubscriptionsLookMissing() {
        TenantFixture a = fixtures.tenant();
        TenantFixture b = fixtures.tenant();
        JsonNode hook = json(http.post().uri("/v1/webhooks").header("x-api-key", a.key())
                .bodyValue(Map.of("url", "https://hooks.example.com/a", "events", List.of("*"))).exchange(),
                HttpStatus.CREATED);
        String id = hook.get("id").stringValue();

        json(http.get().uri("/v1/webhooks/{id}", id).header("x-api-key", b.key()).exchange(), HttpStatus.NOT_FOUND);
        json(http.patch().uri("/v1/webhooks/{id}", id).header("x-api-key", b.key())
                .bodyValue(Map.of("active", false)).exchange(), HttpStatus.NOT_FOUND);
        json(http.delete().uri("/v1/webhooks/{id}", id).header("x-api-key", b.key()).exchange(), HttpStatus.NOT_FOUND);
        JsonNode bList = json(http.get().uri("/v1/webhooks").header("x-api-key", b.key()).exchange(), HttpStatus.OK);
        assertThat(bList.isEmpty()).isTrue();
        http.get().uri("/v1/webhooks/{id}", id).header("x-api-key", a.key()).exchange().expectStatus().isOk();
    }

    private void expectInvalid(TenantFixture tenant, Map<String, Object> body, String field) {
        JsonNode error = json(http.post().uri("/v1/webhooks").header("x-api-key", tenant.key()).bodyValue(body)
                .exchange(), HttpStatus.BAD_REQUEST);
        assertThat(error.get("code").stringValue()).isEqualTo("INVALID_REQUEST");
        assertThat(error.at("/details/field").stringValue()).as(body.toString()).isEqualTo(field);
    }

    private static Seen lastSeen(String method, String tenantId) {
        return TestInfra.http().seen().reversed().stream()
                .filter(s -> s.method().equals(method) && s.path().equals("/internal/tenants/" + tenantId + "/webhooks"))
                .findFirst().orElseThrow();
    }
}
