package io.ringline.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Creates tenants, numbers and keys through the public API, as a tenant would. */
public final class Fixtures {

    private static final AtomicLong PHONES = new AtomicLong(5511_9000_0000L);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebTestClient http;

    public Fixtures(WebTestClient http) {
        this.http = http;
    }

    /** A tenant and its first (tenant-scoped) key. */
    public record TenantFixture(String id, String key) {
    }

    /** A number with a number-scoped key, and the provider secrets it was registered with. */
    public record NumberFixture(String id, String tenantId, String phone, String provider, String key,
            String instanceName, String instanceToken, String baseUrl, String accountId) {
    }

    public static String uniquePhone() {
        return "+" + PHONES.incrementAndGet();
    }

    public TenantFixture tenant() {
        JsonNode body = json(http.post().uri("/admin/tenants")
                .header("x-operator-token", GatewayIntegrationTest.OPERATOR_TOKEN)
                .bodyValue(Map.of("name", "Tenant " + UUID.randomUUID()))
                .exchange(), HttpStatus.CREATED);
        return new TenantFixture(body.at("/tenant/id").stringValue(), body.at("/apiKey/key").stringValue());
    }

    public NumberFixture evoGoNumber(TenantFixture tenant) {
        String instance = "inst-" + UUID.randomUUID();
        String token = "go-token-" + UUID.randomUUID();
        String phone = uniquePhone();
        JsonNode number = json(http.post().uri("/v1/numbers").header("x-api-key", tenant.key())
                .bodyValue(Map.of("phone", phone, "provider", "EVO_GO", "displayName", "Support line",
                        "evoGo", Map.of("baseUrl", "http://go.example:8081", "instanceName", instance,
                                "instanceToken", token)))
                .exchange(), HttpStatus.CREATED);
        String key = numberKey(tenant, number.get("id").stringValue());
        return new NumberFixture(number.get("id").stringValue(), tenant.id(), phone, "EVO_GO", key, instance, token,
                "http://go.example:8081", instance);
    }

    public NumberFixture metaNumber(TenantFixture tenant) {
        return metaNumber(tenant, "app-secret-value", "verify-me");
    }

    /** A META number with its own app secret and verify token (webhook signature and handshake tests). */
    public NumberFixture metaNumber(TenantFixture tenant, String appSecret, String verifyToken) {
        String phoneNumberId = "pnid-" + UUID.randomUUID();
        String phone = uniquePhone();
        JsonNode number = json(http.post().uri("/v1/numbers").header("x-api-key", tenant.key())
                .bodyValue(Map.of("phone", phone, "provider", "META",
                        "meta", Map.of("phoneNumberId", phoneNumberId, "accessToken", "EAAG-secret-access",
                                "appSecret", appSecret, "verifyToken", verifyToken)))
                .exchange(), HttpStatus.CREATED);
        String key = numberKey(tenant, number.get("id").stringValue());
        return new NumberFixture(number.get("id").stringValue(), tenant.id(), phone, "META", key, null, null,
                "https://graph.facebook.com/v21.0", phoneNumberId);
    }

    public String numberKey(TenantFixture tenant, String numberId) {
        JsonNode key = json(http.post().uri("/v1/api-keys").header("x-api-key", tenant.key())
                .bodyValue(Map.of("name", "calls", "numberId", numberId))
                .exchange(), HttpStatus.CREATED);
        return key.get("key").stringValue();
    }

    /** The JSON body, after checking the status (the body is in the failure message when it differs). */
    public static JsonNode json(WebTestClient.ResponseSpec response, HttpStatus expected) {
        var result = response.expectBody().returnResult();
        byte[] body = result.getResponseBody();
        String text = body == null ? "<no body>" : new String(body, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(result.getStatus().value()).as("status; body: %s", text).isEqualTo(expected.value());
        assertThat(body).as("response body").isNotNull();
        return JSON.readTree(body);
    }

    public static JsonNode json(byte[] body) {
        return JSON.readTree(body);
    }
}
