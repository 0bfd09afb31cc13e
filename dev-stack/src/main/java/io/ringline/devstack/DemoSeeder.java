package io.ringline.devstack;

import io.ringline.platform.crypto.Hashing;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seeds the demo tenant through the public and operator APIs — the same path a real operator and tenant
 * take — so a working dev stack also proves those APIs work. Both demo numbers live on the sandbox. It returns
 * once the call service knows both numbers, so the first call placed on a stack that says it is ready goes through.
 */
final class DemoSeeder {

    static final String META_PHONE = "+5511900000001";
    static final String EVO_GO_PHONE = "+5511900000002";
    static final String META_PHONE_NUMBER_ID = "100000000000001";
    static final String GO_INSTANCE = "demo-go";

    // Plain HTTP/1.1: the JDK client would otherwise try an h2c upgrade the services do not offer.
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String gateway;
    private final String sandbox;
    private final String operatorToken;

    DemoSeeder(String gateway, String sandbox, String operatorToken) {
        this.gateway = gateway;
        this.sandbox = sandbox;
        this.operatorToken = operatorToken;
    }

    DemoTenant seed() {
        String goToken = Hashing.newSecret("go_");
        String metaAccessToken = Hashing.newSecret("EAAG");
        String metaAppSecret = Hashing.newSecret("");
        String metaVerifyToken = Hashing.newSecret("verify_");

        send("PUT", sandbox + "/sandbox/evogo/instances/" + GO_INSTANCE, null, Map.of(
                "token", goToken, "phone", EVO_GO_PHONE, "webhookUrl", gateway + "/webhooks/evolution-go"));
        send("PUT", sandbox + "/sandbox/meta/numbers/" + META_PHONE_NUMBER_ID, null, Map.of(
                "phone", META_PHONE, "accessToken", metaAccessToken, "appSecret", metaAppSecret,
                "webhookUrl", gateway + "/webhooks/meta"));

        JsonNode tenant = send("POST", gateway + "/admin/tenants", Map.of("x-operator-token", operatorToken),
                Map.of("name", "Demo tenant"));
        String tenantId = tenant.path("tenant").path("id").asString();
        String tenantKey = tenant.path("apiKey").path("key").asString();
        Map<String, String> asTenant = Map.of("x-api-key", tenantKey);

        JsonNode meta = send("POST", gateway + "/v1/numbers", asTenant, Map.of(
                "phone", META_PHONE, "provider", "META", "displayName", "Demo Meta number",
                "meta", Map.of("graphBaseUrl", sandbox + "/meta/v21.0", "phoneNumberId", META_PHONE_NUMBER_ID,
                        "accessToken", metaAccessToken, "appSecret", metaAppSecret, "verifyToken", metaVerifyToken)));
        JsonNode evo = send("POST", gateway + "/v1/numbers", asTenant, Map.of(
                "phone", EVO_GO_PHONE, "provider", "EVO_GO", "displayName", "Demo Evolution GO number",
                "evoGo", Map.of("baseUrl", sandbox + "/evogo/" + GO_INSTANCE, "instanceName", GO_INSTANCE,
                        "instanceToken", goToken)));
        String metaKey = numberKey(asTenant, "demo META key", meta.path("id").asString());
        String evoKey = numberKey(asTenant, "demo EVO_GO key", evo.path("id").asString());
        NumberReadiness readiness = new NumberReadiness(http, gateway, Duration.ofSeconds(60), Duration.ofMillis(250));
        readiness.await("demo META number", metaKey);
        readiness.await("demo EVO_GO number", evoKey);

        JsonNode webhook = send("POST", gateway + "/v1/webhooks", asTenant, Map.of(
                "name", "Sandbox webhook sink", "url", sandbox + "/sandbox/webhook-sink/demo", "events", List.of("*")));

        return new DemoTenant(gateway, sandbox, tenantId, tenantKey,
                new DemoTenant.DemoNumber(meta.path("id").asString(), META_PHONE, metaKey),
                new DemoTenant.DemoNumber(evo.path("id").asString(), EVO_GO_PHONE, evoKey),
                webhook.path("id").asString(), webhook.path("secret").asString(), operatorToken);
    }

    private String numberKey(Map<String, String> asTenant, String name, String numberId) {
        return send("POST", gateway + "/v1/api-keys", asTenant, Map.of("name", name, "numberId", numberId))
                .path("key").asString();
    }

    private JsonNode send(String method, String url, Map<String, String> headers, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(20))
                    .header("content-type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            if (headers != null) {
                headers.forEach(request::header);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("seeding failed: " + method + " " + url + " → "
                        + response.statusCode() + " " + response.body());
            }
            return response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("seeding failed: " + method + " " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while seeding", e);
        }
    }
}
