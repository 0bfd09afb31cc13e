package io.ringline.bench.campaign;

import io.ringline.bench.platform.Target;
import io.ringline.bench.seed.ApiClient;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What the campaign runs on, set up through the operator API, the public API and the sandbox's control API:
 * tenants, each with one EVO_GO and one META number (number-scoped keys) and one subscription to every event at the
 * campaign's receiver.
 */
record CampaignFleet(List<Tenant> tenants) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** One tenant: its receiver path and its two numbers. */
    record Tenant(int index, String id, String receiverPath, Number go, Number meta) {
    }

    /** A business number: provider, phone, number key. */
    record Number(String id, String provider, String phone, String apiKey) {
    }

    static CampaignFleet seed(ApiClient api, Target target, String receiverUrl, String runId, int tenants) {
        List<Tenant> all = new ArrayList<>();
        for (int t = 0; t < tenants; t++) {
            JsonNode created = api.send("POST", target.gatewayUrl() + "/admin/tenants",
                    Map.of("x-operator-token", target.operatorToken()), Map.of("name", "campaign " + runId + " " + t));
            String tenantId = created.path("tenant").path("id").asString();
            Map<String, String> asTenant = Map.of("x-api-key", created.path("apiKey").path("key").asString());
            String path = CampaignReceiver.path(t);
            api.send("POST", target.gatewayUrl() + "/v1/webhooks", asTenant,
                    Map.of("name", "campaign receiver", "url", receiverUrl + path, "events", List.of("*")));

            String goPhone = "+55118" + runId + String.format("%03d", 2 * t);
            String instance = "campaign-" + runId + "-" + t;
            String token = "go_" + secret();
            api.send("PUT", target.sandboxUrl() + "/sandbox/evogo/instances/" + instance, Map.of(), Map.of(
                    "token", token, "phone", goPhone, "webhookUrl", target.gatewayUrl() + "/webhooks/evolution-go"));
            JsonNode go = api.send("POST", target.gatewayUrl() + "/v1/numbers", asTenant, Map.of(
                    "phone", goPhone, "provider", "EVO_GO", "displayName", "campaign GO " + t,
                    "evoGo", Map.of("baseUrl", target.sandboxUrl() + "/evogo/" + instance, "instanceName", instance,
                            "instanceToken", token)));

            String metaPhone = "+55118" + runId + String.format("%03d", 2 * t + 1);
            String phoneNumberId = "9" + runId + String.format("%05d", t);
            String accessToken = "EAAG" + secret();
            String appSecret = secret();
            api.send("PUT", target.sandboxUrl() + "/sandbox/meta/numbers/" + phoneNumberId, Map.of(), Map.of(
                    "phone", metaPhone, "accessToken", accessToken, "appSecret", appSecret,
                    "webhookUrl", target.gatewayUrl() + "/webhooks/meta"));
            JsonNode meta = api.send("POST", target.gatewayUrl() + "/v1/numbers", asTenant, Map.of(
                    "phone", metaPhone, "provider", "META", "displayName", "campaign Meta " + t,
                    "meta", Map.of("graphBaseUrl", target.sandboxUrl() + "/meta/v21.0", "phoneNumberId", phoneNumberId,
                            "accessToken", accessToken, "appSecret", appSecret, "verifyToken", "verify_" + secret())));

            all.add(new Tenant(t, tenantId, path, number(api, target, asTenant, go, "EVO_GO", goPhone),
                    number(api, target, asTenant, meta, "META", metaPhone)));
        }
        return new CampaignFleet(all);
    }

    private static Number number(ApiClient api, Target target, Map<String, String> asTenant, JsonNode number,
            String provider, String phone) {
        String id = number.path("id").asString();
        String key = api.send("POST", target.gatewayUrl() + "/v1/api-keys", asTenant,
                Map.of("name", "campaign " + provider, "numberId", id)).path("key").asString();
        return new Number(id, provider, phone, key);
    }

    java.util.Set<String> tenantIds() {
        return tenants.stream().map(Tenant::id).collect(java.util.stream.Collectors.toSet());
    }

    private static String secret() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
