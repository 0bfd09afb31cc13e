package io.ringline.sandbox.support;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** The control API as a small test DSL. */
public final class SandboxClient {

    /** A provisioned GO instance. */
    public record GoInstance(String name, String token, String phone) {
    }

    /** A provisioned Meta number. */
    public record MetaNumber(String phoneNumberId, String phone, String accessToken, String appSecret) {
    }

    private final WebTestClient client;

    public SandboxClient(WebTestClient client) {
        this.client = client;
    }

    public GoInstance provisionGo(String webhookUrl) {
        var instance = new GoInstance("inst-" + UUID.randomUUID().toString().substring(0, 8),
                "tok-" + UUID.randomUUID(), TestPhones.random());
        provisionGo(instance, webhookUrl, true);
        return instance;
    }

    public void provisionGo(GoInstance instance, String webhookUrl, boolean connected) {
        client.put().uri("/sandbox/evogo/instances/{name}", instance.name())
                .bodyValue(Map.of("token", instance.token(), "phone", "+" + instance.phone(),
                        "webhookUrl", webhookUrl, "connected", connected))
                .exchange()
                .expectStatus().is2xxSuccessful();
    }

    public MetaNumber provisionMeta(String webhookUrl) {
        return provisionMeta(webhookUrl, 100_000);
    }

    public MetaNumber provisionMeta(String webhookUrl, int messagingLimit) {
        var number = new MetaNumber(Long.toString(100_000_000_000_000L + (long) (Math.random() * 1e14)),
                TestPhones.random(), "EAAG" + UUID.randomUUID(), "secret-" + UUID.randomUUID());
        client.put().uri("/sandbox/meta/numbers/{id}", number.phoneNumberId())
                .bodyValue(Map.of("phone", number.phone(), "accessToken", number.accessToken(),
                        "appSecret", number.appSecret(), "webhookUrl", webhookUrl, "wabaId", "waba-test",
                        "messagingLimit", messagingLimit))
                .exchange()
                .expectStatus().is2xxSuccessful();
        return number;
    }

    /** A Graph API request with the number's access token. */
    public WebTestClient.ResponseSpec graphPost(MetaNumber number, String route, Object body) {
        return client.post().uri("/meta/v21.0/" + number.phoneNumberId() + route)
                .header("Authorization", "Bearer " + number.accessToken())
                .bodyValue(body)
                .exchange();
    }

    public WebTestClient.ResponseSpec graphGet(MetaNumber number, String route) {
        return client.get().uri("/meta/v21.0/" + number.phoneNumberId() + route)
                .header("Authorization", "Bearer " + number.accessToken())
                .exchange();
    }

    /** A business-initiated call; returns the wacid. */
    public String metaConnect(MetaNumber number, String to, String offer) {
        return graphPost(number, "/calls", Map.of("messaging_product", "whatsapp", "to", to, "action", "connect",
                "session", Map.of("sdp_type", "offer", "sdp", offer)))
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody()
                .path("calls").get(0).path("id").asString();
    }

    public void behaviour(String phone, String onCall, long afterMs, long hangUpAfterMs) {
        behaviour(phone, Map.of("onCall", onCall, "afterMs", afterMs, "hangUpAfterMs", hangUpAfterMs));
    }

    public void behaviour(String phone, Map<String, Object> behaviour) {
        client.put().uri("/sandbox/users/{phone}/behaviour", phone)
                .bodyValue(behaviour)
                .exchange()
                .expectStatus().isOk();
    }

    /** The user calls the business phone; returns the provider's call id. */
    public String userCalls(String userPhone, String businessPhone) {
        return client.post().uri("/sandbox/users/{phone}/calls", userPhone)
                .bodyValue(Map.of("to", businessPhone))
                .exchange()
                .expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody()
                .path("externalCallId").asString();
    }

    public JsonNode call(String externalCallId) {
        return client.get().uri("/sandbox/calls/{id}", externalCallId)
                .exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    public void userHangsUp(String externalCallId) {
        client.post().uri("/sandbox/calls/{id}/hangup", externalCallId)
                .exchange()
                .expectStatus().isOk();
    }

    /** Replaces one scope of fault switches; {@code number} null for the global scope. */
    public void faults(String number, Map<String, Object> switches) {
        Map<String, Object> body = new HashMap<>(switches);
        if (number != null) {
            body.put("number", number);
        }
        client.put().uri("/sandbox/faults").bodyValue(body).exchange().expectStatus().isOk();
    }

    public void clearFaults() {
        client.delete().uri("/sandbox/faults").exchange().expectStatus().isEqualTo(HttpStatus.OK);
    }

    /** A GO API request with the instance's apikey. */
    public WebTestClient.RequestBodySpec goPost(GoInstance instance, String route) {
        return client.post().uri("/evogo/" + instance.name() + route).header("apikey", instance.token());
    }

    public WebTestClient.RequestHeadersSpec<?> goGet(GoInstance instance, String route) {
        return client.get().uri("/evogo/" + instance.name() + route).header("apikey", instance.token());
    }

    /** Starts an outgoing GO call and returns its call id. */
    public String goStart(GoInstance instance, String number) {
        return goPost(instance, "/call/start")
                .bodyValue(Map.of("number", number))
                .exchange()
                .expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody()
                .path("callId").asString();
    }
}
