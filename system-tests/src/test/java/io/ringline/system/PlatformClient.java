package io.ringline.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.standardwebhooks.Webhook;
import io.ringline.devstack.DemoTenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/** What the system tests do through the public API, the sandbox's control API and its webhook receiver. */
final class PlatformClient {

    private final DemoTenant demo;

    PlatformClient(DemoTenant demo) {
        this.demo = demo;
    }

    DemoTenant demo() {
        return demo;
    }

    static Map<String, String> key(String apiKey) {
        return Map.of("x-api-key", apiKey);
    }

    /** How a simulated WhatsApp user treats calls (SPEC §7). */
    void userBehaves(String phone, Map<String, Object> behaviour) {
        Http.Response r = Http.put(demo.sandboxUrl() + "/sandbox/users/" + digits(phone) + "/behaviour", behaviour);
        assertThat(r.status()).as(r.body()).isBetween(200, 299);
    }

    /** The simulated user calls a business number; returns the provider's call id. */
    String userCalls(String userPhone, String businessPhone) {
        Http.Response r = Http.post(demo.sandboxUrl() + "/sandbox/users/" + digits(userPhone) + "/calls", Map.of(),
                Map.of("to", digits(businessPhone)));
        assertThat(r.status()).as(r.body()).isBetween(200, 299);
        return r.json().path("externalCallId").asString();
    }

    JsonNode getCall(String apiKey, String id) {
        Http.Response r = Http.get(demo.gatewayUrl() + "/v1/calls/" + id, key(apiKey));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    String status(String apiKey, String id) {
        Http.Response r = Http.get(demo.gatewayUrl() + "/v1/calls/" + id, key(apiKey));
        return r.status() == 200 ? r.json().path("status").asString() : "HTTP " + r.status();
    }

    Http.Response post(String apiKey, String path, Object body) {
        return Http.post(demo.gatewayUrl() + path, key(apiKey), body);
    }

    /** Webhook deliveries the sandbox's receiver got whose payload matches, oldest first. */
    List<JsonNode> deliveries(String field, String value) {
        Http.Response r = Http.get(demo.sandboxUrl() + "/sandbox/webhook-sink/deliveries", Map.of());
        List<JsonNode> matching = new ArrayList<>();
        for (JsonNode d : r.json()) {
            if (value.equals(payload(d).path(field).asString())) {
                matching.add(d);
            }
        }
        return matching;
    }

    static JsonNode payload(JsonNode delivery) {
        return Http.JSON.readTree(delivery.path("body").asString());
    }

    static List<String> events(List<JsonNode> deliveries) {
        return deliveries.stream().map(d -> payload(d).path("event").asString()).toList();
    }

    /** Checks a delivery's Standard Webhooks signature with the reference implementation; throws if wrong. */
    void verifySignature(JsonNode delivery) throws Exception {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        delivery.path("headers").properties().forEach(e -> headers.put(e.getKey(), List.of(e.getValue().asString())));
        new Webhook(demo.webhookSecret()).verify(delivery.path("body").asString(), headers);
        assertThat(headers.get("webhook-id")).containsExactly(payload(delivery).path("id").asString());
    }

    static String digits(String phone) {
        return phone.replace("+", "");
    }
}
