package io.ringline.system.abuse.world;

import static org.awaitility.Awaitility.await;

import io.ringline.platform.crypto.Hashing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Sets up the campaign's world through the operator and public APIs and the sandbox, the way a real
 * operator and tenant would: two tenants, each with a META and an EVO_GO number on the sandbox, tenant,
 * number and revoked keys, a tenant-wide and a number-scoped subscription, and finished calls (an EVO_GO
 * call the user rejected, a META call the user hung up before it was answered) whose deliveries reached the
 * sandbox's receiver. Every secret it mints goes into the registry.
 */
public final class Fixtures {

    private static final Duration SETTLE = Duration.ofSeconds(60);

    private final String gateway;
    private final String sandbox;
    private final String operatorToken;
    private final SecretRegistry secrets;

    public Fixtures(String gateway, String sandbox, String operatorToken, SecretRegistry secrets) {
        this.gateway = gateway;
        this.sandbox = sandbox;
        this.operatorToken = operatorToken;
        this.secrets = secrets;
    }

    /** @param index 0 for tenant A, 1 for tenant B: keeps phones, instances and Meta ids apart */
    public Tenant tenant(String label, int index) {
        JsonNode created = SetupHttp.ok("POST", gateway + "/admin/tenants", Map.of("x-operator-token", operatorToken),
                Map.of("name", "abuse campaign tenant " + label));
        String tenantId = created.path("tenant").path("id").asString();
        String tenantKey = secret("tenant " + label + " key", created.path("apiKey").path("key").asString());
        String tenantKeyId = created.path("apiKey").path("id").asString();
        Map<String, String> asTenant = Map.of("x-api-key", tenantKey);

        NumberLine meta = metaNumber(label, index, asTenant);
        NumberLine evoGo = evoGoNumber(label, index, asTenant);

        JsonNode revoked = SetupHttp.ok("POST", gateway + "/v1/api-keys", asTenant, Map.of("name", "revoked"));
        String revokedKey = secret("tenant " + label + " revoked key", revoked.path("key").asString());
        SetupHttp.ok("DELETE", gateway + "/v1/api-keys/" + revoked.path("id").asString(), asTenant, null);

        JsonNode webhook = SetupHttp.ok("POST", gateway + "/v1/webhooks", asTenant, Map.of(
                "name", "tenant-wide", "url", sandbox + "/sandbox/webhook-sink/abuse-" + label, "events", List.of("*")));
        secret("tenant " + label + " webhook secret", webhook.path("secret").asString());
        JsonNode numberWebhook = SetupHttp.ok("POST", gateway + "/v1/webhooks", Map.of("x-api-key", evoGo.numberKey()),
                Map.of("url", sandbox + "/sandbox/webhook-sink/abuse-" + label + "-go", "events", List.of("*")));
        secret("tenant " + label + " EVO_GO number webhook secret", numberWebhook.path("secret").asString());
        evoGo = withWebhook(evoGo, numberWebhook.path("id").asString());

        evoGo = withCall(evoGo, rejectedOutboundCall(evoGo, index));
        meta = withCall(meta, missedInboundCall(meta, index));
        String webhookId = webhook.path("id").asString();
        return new Tenant(label, tenantId, tenantKey, tenantKeyId, revokedKey, revoked.path("id").asString(), meta,
                evoGo, webhookId, deliveries(asTenant, webhookId));
    }

    private NumberLine metaNumber(String label, int index, Map<String, String> asTenant) {
        String phone = "+55119300000" + index + "1";
        String phoneNumberId = "20000000000000" + index;
        String accessToken = secret("tenant " + label + " Meta access token", Hashing.newSecret("EAAG"));
        String appSecret = secret("tenant " + label + " Meta app secret", Hashing.newSecret(""));
        String verifyToken = secret("tenant " + label + " Meta verify token", Hashing.newSecret("verify_"));
        SetupHttp.ok("PUT", sandbox + "/sandbox/meta/numbers/" + phoneNumberId, Map.of(), Map.of(
                "phone", phone, "accessToken", accessToken, "appSecret", appSecret,
                "webhookUrl", gateway + "/webhooks/meta"));
        JsonNode number = SetupHttp.ok("POST", gateway + "/v1/numbers", asTenant, Map.of(
                "phone", phone, "provider", "META", "displayName", "abuse " + label + " META",
                "meta", Map.of("graphBaseUrl", sandbox + "/meta/v21.0", "phoneNumberId", phoneNumberId,
                        "accessToken", accessToken, "appSecret", appSecret, "verifyToken", verifyToken)));
        String id = number.path("id").asString();
        JsonNode key = numberKey(asTenant, label + " META", id);
        return new NumberLine(id, phone, "META", key.path("key").asString(), key.path("id").asString(), phoneNumberId,
                appSecret, verifyToken, accessToken, null, null, List.of(), List.of(), null);
    }

    private NumberLine evoGoNumber(String label, int index, Map<String, String> asTenant) {
        String phone = "+55119300000" + index + "2";
        String instance = "abuse-" + label.toLowerCase(java.util.Locale.ROOT);
        String token = secret("tenant " + label + " GO instance token", Hashing.newSecret("go_"));
        SetupHttp.ok("PUT", sandbox + "/sandbox/evogo/instances/" + instance, Map.of(), Map.of(
                "token", token, "phone", phone, "webhookUrl", gateway + "/webhooks/evolution-go"));
        JsonNode number = SetupHttp.ok("POST", gateway + "/v1/numbers", asTenant, Map.of(
                "phone", phone, "provider", "EVO_GO", "displayName", "abuse " + label + " EVO_GO",
                "evoGo", Map.of("baseUrl", sandbox + "/evogo/" + instance, "instanceName", instance,
                        "instanceToken", token)));
        String id = number.path("id").asString();
        JsonNode key = numberKey(asTenant, label + " EVO_GO", id);
        return new NumberLine(id, phone, "EVO_GO", key.path("key").asString(), key.path("id").asString(), null, null,
                null, null, instance, token, List.of(), List.of(), null);
    }

    private JsonNode numberKey(Map<String, String> asTenant, String name, String numberId) {
        JsonNode key = SetupHttp.ok("POST", gateway + "/v1/api-keys", asTenant, Map.of("name", name, "numberId", numberId));
        secret("number key " + name, key.path("key").asString());
        return key;
    }

    /** The user declines at once: the call ends REJECTED without media. */
    private String[] rejectedOutboundCall(NumberLine evoGo, int index) {
        String user = "+552196666000" + index;
        SetupHttp.ok("PUT", sandbox + "/sandbox/users/" + digits(user) + "/behaviour", Map.of(),
                Map.of("onCall", "reject", "afterMs", 100));
        // The number was created a moment ago and may still be on its way to signaling: the gateway then refuses with
        // 503 NUMBER_NOT_READY, which changes nothing, and a client retries (docs/api.md).
        SetupHttp.Answer answer = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> SetupHttp.send("POST", gateway + "/v1/calls", Map.of("x-api-key", evoGo.numberKey()),
                        Map.of("to", user)), a -> !(a.status() == 503 && a.body().contains("NUMBER_NOT_READY")));
        if (answer.status() != 201) {
            throw new IllegalStateException("setting up the campaign: POST /v1/calls → " + answer.status() + " "
                    + answer.body());
        }
        JsonNode placed = answer.json();
        String id = placed.path("id").asString();
        awaitStatus(evoGo.numberKey(), id, "REJECTED");
        return new String[] {id, placed.path("externalCallId").asString()};
    }

    /** The user calls the business number and hangs up before anyone answers: MISSED. */
    private String[] missedInboundCall(NumberLine meta, int index) {
        String user = "+552196666001" + index;
        JsonNode started = SetupHttp.ok("POST", sandbox + "/sandbox/users/" + digits(user) + "/calls", Map.of(),
                Map.of("to", digits(meta.phone())));
        String external = started.path("externalCallId").asString();
        awaitStatus(meta.numberKey(), external, "RINGING");
        SetupHttp.ok("POST", sandbox + "/sandbox/calls/" + external + "/hangup", Map.of(), null);
        awaitStatus(meta.numberKey(), external, "MISSED");
        String id = SetupHttp.ok("GET", gateway + "/v1/calls/" + external, Map.of("x-api-key", meta.numberKey()), null)
                .path("id").asString();
        return new String[] {id, external};
    }

    private void awaitStatus(String numberKey, String callRef, String status) {
        await("call " + callRef + " " + status).atMost(SETTLE).pollInterval(Duration.ofMillis(200)).until(() -> {
            SetupHttp.Answer answer = SetupHttp.send("GET", gateway + "/v1/calls/" + callRef,
                    Map.of("x-api-key", numberKey), null);
            return answer.status() == 200 && status.equals(answer.json().path("status").asString());
        });
    }

    /** Ids of deliveries the subscription made (at least one), for the retry route. */
    private List<String> deliveries(Map<String, String> asTenant, String webhookId) {
        List<String> ids = new ArrayList<>();
        await("deliveries of " + webhookId).atMost(SETTLE).pollInterval(Duration.ofMillis(300)).until(() -> {
            ids.clear();
            JsonNode logs = SetupHttp.ok("GET", gateway + "/v1/webhooks/" + webhookId + "/logs", asTenant, null);
            logs.path("logs").forEach(log -> {
                String id = log.path("deliveryId").asString();
                if (!id.isBlank() && !ids.contains(id)) {
                    ids.add(id);
                }
            });
            return !ids.isEmpty();
        });
        return List.copyOf(ids);
    }

    private String secret(String name, String value) {
        secrets.add(name, value);
        return value;
    }

    private static NumberLine withCall(NumberLine n, String[] call) {
        List<String> ids = new ArrayList<>(n.callIds());
        ids.add(call[0]);
        List<String> external = new ArrayList<>(n.externalCallIds());
        external.add(call[1]);
        return new NumberLine(n.id(), n.phone(), n.provider(), n.numberKey(), n.numberKeyId(), n.metaPhoneNumberId(),
                n.metaAppSecret(), n.metaVerifyToken(), n.metaAccessToken(), n.goInstanceName(), n.goInstanceToken(),
                List.copyOf(ids), List.copyOf(external), n.webhookId());
    }

    private static NumberLine withWebhook(NumberLine n, String webhookId) {
        return new NumberLine(n.id(), n.phone(), n.provider(), n.numberKey(), n.numberKeyId(), n.metaPhoneNumberId(),
                n.metaAppSecret(), n.metaVerifyToken(), n.metaAccessToken(), n.goInstanceName(), n.goInstanceToken(),
                n.callIds(), n.externalCallIds(), webhookId);
    }

    private static String digits(String phone) {
        return phone.replace("+", "");
    }
}
