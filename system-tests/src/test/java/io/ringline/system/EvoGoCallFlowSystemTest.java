package io.ringline.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringline.devstack.DemoTenant;
import io.ringline.devstack.DevStack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * The assembled platform, started exactly as {@code ./dev.sh} starts it (embedded Kafka and PostgreSQL,
 * four services, the sandbox, the seeded demo tenant) and driven only through HTTP: the public API, the
 * sandbox's simulated users and its recording webhook receiver.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EvoGoCallFlowSystemTest {

    private static DevStack stack;
    private static DemoTenant demo;
    private static PlatformClient client;

    @BeforeAll
    static void startPlatform() {
        stack = SharedPlatform.get();
        demo = stack.demo();
        client = new PlatformClient(demo);
    }

    private static Map<String, String> evoKey() {
        return PlatformClient.key(demo.evoGoNumber().apiKey());
    }

    private static void userBehaves(String phone, Map<String, Object> behaviour) {
        client.userBehaves(phone, behaviour);
    }

    private static JsonNode getCall(String id) {
        return client.getCall(demo.evoGoNumber().apiKey(), id);
    }

    private static String placeCall(String to) {
        Http.Response placed = Http.post(demo.gatewayUrl() + "/v1/calls", evoKey(), Map.of("to", to));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        JsonNode body = placed.json();
        assertThat(body.path("id").asString()).startsWith("call_");
        assertThat(body.path("externalCallId").asString()).isNotBlank();
        assertThat(body.path("status").asString()).isIn("INITIATED", "RINGING");
        return body.path("id").asString();
    }

    private static List<JsonNode> deliveriesFor(String callId) {
        return client.deliveries("callId", callId);
    }

    private static List<String> eventsOf(List<JsonNode> deliveries) {
        return PlatformClient.events(deliveries);
    }

    @Test
    @Order(1)
    void anEvoGoCallIsPlacedAnsweredAndHungUpAndEveryStepReachesTheWebhookSigned() throws Exception {
        userBehaves("+5511988880001", Map.of("onCall", "answer", "afterMs", 300, "hangUpAfterMs", 1500));

        String id = placeCall("+5511988880001");

        await().atMost(Duration.ofSeconds(40)).until(() -> "COMPLETED".equals(getCall(id).path("status").asString()));
        JsonNode call = getCall(id);
        assertThat(call.path("provider").asString()).isEqualTo("EVO_GO");
        assertThat(call.path("direction").asString()).isEqualTo("OUTBOUND");
        assertThat(call.path("peerNumber").asString()).isEqualTo("+5511988880001");
        assertThat(call.path("connectedAt").isNull()).isFalse();
        assertThat(call.path("endedAt").isNull()).isFalse();
        assertThat(call.path("durationSeconds").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(call.path("sdpOffer").isMissingNode() || call.path("sdpOffer").isNull()).isTrue();

        // The provider's id finds the same call; the list shows it.
        assertThat(getCall(call.path("externalCallId").asString()).path("id").asString()).isEqualTo(id);
        JsonNode list = Http.get(demo.gatewayUrl() + "/v1/calls?limit=10", evoKey()).json();
        assertThat(list.path("calls").findValuesAsString("id")).contains(id);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> eventsOf(deliveriesFor(id)).containsAll(List.of("call.ringing", "call.connected", "call.ended")));
        List<JsonNode> deliveries = deliveriesFor(id);
        long lastSequence = 0;
        for (JsonNode d : deliveries) {
            client.verifySignature(d); // throws if the signature does not match
            JsonNode payload = PlatformClient.payload(d);
            assertThat(payload.path("numberId").asString()).isEqualTo(demo.evoGoNumber().id());
            assertThat(payload.path("sequence").asLong()).isGreaterThan(lastSequence);
            lastSequence = payload.path("sequence").asLong();
        }
        assertThat(eventsOf(deliveries)).containsSubsequence("call.ringing", "call.connected", "call.ended");
        JsonNode ended = Http.JSON.readTree(deliveries.get(eventsOf(deliveries).indexOf("call.ended")).path("body").asString());
        assertThat(ended.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(ended.path("duration").asInt()).isEqualTo(call.path("durationSeconds").asInt());
    }

    @Test
    @Order(2)
    void terminateEndsALiveCallAndTheMediaBridgeTracksItMeanwhile() {
        userBehaves("+5511988880002", Map.of("onCall", "answer", "afterMs", 200, "hangUpAfterMs", 600_000));
        String id = placeCall("+5511988880002");
        await().atMost(Duration.ofSeconds(30)).until(() -> "ACCEPTED".equals(getCall(id).path("status").asString()));

        String media = stack.platform().service("media-bridge-service").url();
        Map<String, String> internal = Map.of("x-internal-token", "dev-internal-token");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                Http.get(media + "/internal/live-calls", internal).body().contains(id));

        Http.Response terminated = Http.post(demo.gatewayUrl() + "/v1/calls/" + id + "/terminate", evoKey(), null);
        assertThat(terminated.status()).as(terminated.body()).isEqualTo(200);
        assertThat(terminated.json().path("success").asBoolean()).isTrue();
        assertThat(terminated.json().path("status").asString()).isEqualTo("COMPLETED");

        assertThat(getCall(id).path("status").asString()).isEqualTo("COMPLETED");
        await().atMost(Duration.ofSeconds(20)).until(() -> eventsOf(deliveriesFor(id)).contains("call.ended"));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                !Http.get(media + "/internal/live-calls", internal).body().contains(id));
        // The provider was told to hang up.
        String external = getCall(id).path("externalCallId").asString();
        assertThat(Http.get(demo.sandboxUrl() + "/sandbox/calls/" + external, Map.of()).body()).contains("hangup");
    }

    @Test
    @Order(3)
    void aUserCallsTheEvoGoNumberItIsAnsweredAndTheUserHangsUp() {
        String key = demo.evoGoNumber().apiKey();
        userBehaves("+5511988880004", Map.of("hangUpAfterMs", 1200));
        String external = client.userCalls("+5511988880004", demo.evoGoNumber().phone());

        await().atMost(Duration.ofSeconds(30)).until(() -> "RINGING".equals(client.status(key, external)));
        JsonNode ringing = getCall(external);
        assertThat(ringing.path("direction").asString()).isEqualTo("INBOUND");
        assertThat(ringing.path("peerNumber").asString()).isEqualTo("+5511988880004");

        Http.Response accepted = Http.post(demo.gatewayUrl() + "/v1/calls/" + ringing.path("id").asString() + "/accept",
                evoKey(), null);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.json().path("status").asString()).isEqualTo("ACCEPTED");

        await().atMost(Duration.ofSeconds(30)).until(() -> "COMPLETED".equals(client.status(key, external)));
        await().atMost(Duration.ofSeconds(30)).until(() -> eventsOf(client.deliveries("externalCallId", external))
                .containsAll(List.of("call.ringing", "call.connected", "call.ended")));
    }

    @Test
    @Order(4)
    void aRejectedUserCallEndsRejectedAndAFinishedCallRefusesMoreActions() {
        String key = demo.evoGoNumber().apiKey();
        String external = client.userCalls("+5511988880005", demo.evoGoNumber().phone());
        await().atMost(Duration.ofSeconds(30)).until(() -> "RINGING".equals(client.status(key, external)));

        Http.Response rejected = Http.post(demo.gatewayUrl() + "/v1/calls/" + external + "/reject", evoKey(), null);
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
        assertThat(rejected.json().path("status").asString()).isEqualTo("REJECTED");

        Http.Response again = Http.post(demo.gatewayUrl() + "/v1/calls/" + external + "/accept", evoKey(), null);
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(again.json().path("code").asString()).isEqualTo("INVALID_CALL_STATE");
        assertThat(again.json().path("error").asString()).contains("REJECTED");
    }

    @Test
    @Order(5)
    void badInputIsRefusedWithAClearErrorAndCreatesNothing() {
        int before = Http.get(demo.gatewayUrl() + "/v1/calls?limit=100", evoKey()).json().path("calls").size();
        String calls = demo.gatewayUrl() + "/v1/calls";

        assertError(Http.post(calls, Map.of(), Map.of("to", "+5511988880003")), 401, "UNAUTHORIZED");
        assertError(Http.post(calls, Map.of("x-api-key", "rl_not-a-key"), Map.of("to", "+5511988880003")), 401, "UNAUTHORIZED");
        assertError(Http.post(calls, Map.of("x-api-key", demo.tenantApiKey()), Map.of("to", "+5511988880003")), 403,
                "TENANT_SCOPE_NOT_ALLOWED");
        assertError(Http.post(calls, evoKey(), Map.of("to", "11988880003")), 400, "INVALID_REQUEST");
        assertError(Http.post(calls, evoKey(), Map.of("to", "+5511988880003", "sdp", "v=0\r\n")), 400, "INVALID_REQUEST");
        assertError(Http.post(calls, evoKey(), "{\"to\": \"+5511988880003\""), 400, "INVALID_REQUEST");
        assertError(Http.post(calls, evoKey(), Map.of("to", 5511988880003L)), 400, "INVALID_REQUEST");
        assertError(Http.post(calls, evoKey(), Map.of("to", "+5511988880003", "colour", "blue")), 400, "INVALID_REQUEST");

        int after = Http.get(demo.gatewayUrl() + "/v1/calls?limit=100", evoKey()).json().path("calls").size();
        assertThat(after).isEqualTo(before);
        assertThat(Http.get(demo.sandboxUrl() + "/sandbox/webhook-sink/deliveries", Map.of()).body())
                .doesNotContain("+5511988880003");
    }

    @Test
    @Order(6)
    void everyServiceReportsHealthAndItsOwnMetrics() {
        Map<String, String> ownMetric = Map.of(
                "api-gateway", "ringline_gateway_command_seconds",
                "call-signaling-service", "ringline_calls_transitions_total",
                "media-bridge-service", "ringline_media_live_calls",
                "webhook-fanout-service", "ringline_webhook_deliveries_total",
                "provider-sandbox", "ringline_sandbox");
        ownMetric.forEach((service, metric) -> {
            String url = stack.platform().service(service).url();
            for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
                Http.Response health = Http.get(url + probe, Map.of());
                assertThat(health.status()).as(service + probe).isEqualTo(200);
                assertThat(health.body()).contains("UP");
            }
            // The dev stack runs without management ports: actuator beyond health takes the internal token there.
            Http.Response prometheus = Http.get(url + "/actuator/prometheus",
                    Map.of("x-internal-token", "dev-internal-token"));
            assertThat(prometheus.status()).isEqualTo(200);
            assertThat(prometheus.body()).as(service).contains(metric);
        });
    }

    private static void assertError(Http.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        JsonNode body = response.json();
        assertThat(body.path("code").asString()).isEqualTo(code);
        assertThat(body.path("error").asString()).isNotBlank();
        if (status == 400) {
            assertThat(body.has("details")).as("400 names the problem: " + response.body()).isTrue();
        }
    }
}
