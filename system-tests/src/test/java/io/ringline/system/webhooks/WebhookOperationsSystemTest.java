package io.ringline.system.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.standardwebhooks.Webhook;
import io.ringline.devstack.DemoTenant;
import io.ringline.system.SharedPlatform;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The webhook operations on the assembled platform, through the public API only: a number key subscribes
 * its number to a receiver of this test, a simulated user calls the number (answered, then the user hangs up), and the delivery log, secret
 * rotation (both signatures verified with the reference library) and replay (original webhook-ids) are
 * exercised end to end; another number's key cannot see the webhook.
 */
class WebhookOperationsSystemTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<Map<String, Object>> RECEIVED = new CopyOnWriteArrayList<>();

    private static DemoTenant demo;
    private static DisposableServer receiver;

    @BeforeAll
    static void start() throws Exception {
        demo = SharedPlatform.get().demo();
        receiver = HttpServer.create().host("127.0.0.1").port(0)
                .handle((req, res) -> req.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                        .flatMap(body -> {
                            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                            req.requestHeaders().forEach(h -> headers.put(h.getKey(), List.of(h.getValue())));
                            RECEIVED.add(Map.of("headers", headers, "body", body));
                            return res.status(200).send().then();
                        }))
                .bindNow();
    }

    @AfterAll
    static void stop() {
        if (receiver != null) {
            receiver.disposeNow();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void logRotationAndReplayWorkThroughThePublicApi() throws Exception {
        String key = demo.evoGoNumber().apiKey();
        Instant since = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
        JsonNode created = call("POST", "/v1/webhooks", key, Map.of("url",
                "http://127.0.0.1:" + receiver.port() + "/hook", "events", List.of("*")), 201);
        String id = created.path("id").asString();
        String firstSecret = created.path("secret").asString();

        String user = "5511977770" + (100 + (int) (Math.random() * 800));
        post(demo.sandboxUrl() + "/sandbox/users/" + user + "/behaviour", "PUT", Map.of("hangUpAfterMs", 800));
        post(demo.sandboxUrl() + "/sandbox/users/" + user + "/calls", "POST",
                Map.of("to", demo.evoGoNumber().phone().replace("+", "")));
        await().atMost(Duration.ofSeconds(40)).until(() -> RECEIVED.stream()
                .anyMatch(got -> "call.ringing".equals(event(got))));
        String callId = JSON.readTree((String) RECEIVED.getFirst().get("body")).path("callId").asString();
        call("POST", "/v1/calls/" + callId + "/accept", key, null, 200); // the user hangs up 800 ms later
        await().atMost(Duration.ofSeconds(40)).until(() -> RECEIVED.stream()
                .anyMatch(got -> "call.ended".equals(event(got))));
        int firstBatch = RECEIVED.size();
        for (Map<String, Object> got : RECEIVED) {
            new Webhook(firstSecret).verify((String) got.get("body"), (Map<String, List<String>>) got.get("headers"));
        }

        JsonNode logs = call("GET", "/v1/webhooks/" + id + "/logs?limit=50", key, null, 200);
        assertThat(logs.path("logs").size()).isGreaterThanOrEqualTo(firstBatch);
        assertThat(logs.path("logs").get(0).path("status").asString()).isEqualTo("SUCCESS");
        String otherNumberKey = demo.metaNumber().apiKey();
        call("GET", "/v1/webhooks/" + id + "/logs", otherNumberKey, null, 404);
        call("POST", "/v1/webhooks/" + id + "/secret/rotate", otherNumberKey, null, 404);

        String secondSecret = call("POST", "/v1/webhooks/" + id + "/secret/rotate", key, null, 200)
                .path("secret").asString();
        assertThat(secondSecret).startsWith("whsec_").isNotEqualTo(firstSecret);

        JsonNode replay = call("POST", "/v1/webhooks/" + id + "/replay", key, Map.of("since", since.toString()), 202);
        assertThat(replay.path("queued").asInt()).isGreaterThanOrEqualTo(firstBatch);
        await().atMost(Duration.ofSeconds(30)).until(() -> RECEIVED.size() >= 2 * firstBatch);
        List<Map<String, Object>> replayed = RECEIVED.subList(firstBatch, RECEIVED.size());
        List<String> originalIds = RECEIVED.subList(0, firstBatch).stream().map(WebhookOperationsSystemTest::webhookId)
                .toList();
        assertThat(replayed.stream().map(WebhookOperationsSystemTest::webhookId).toList())
                .containsAll(originalIds);
        for (Map<String, Object> got : replayed) {
            Map<String, List<String>> headers = (Map<String, List<String>>) got.get("headers");
            assertThat(headers.get("webhook-signature").getFirst().split(" ")).hasSize(2);
            new Webhook(firstSecret).verify((String) got.get("body"), headers);
            new Webhook(secondSecret).verify((String) got.get("body"), headers);
        }
        call("DELETE", "/v1/webhooks/" + id, key, null, 204);
    }

    private static String event(Map<String, Object> got) {
        return JSON.readTree((String) got.get("body")).path("event").asString();
    }

    @SuppressWarnings("unchecked")
    private static String webhookId(Map<String, Object> got) {
        return ((Map<String, List<String>>) got.get("headers")).get("webhook-id").getFirst();
    }

    private static JsonNode call(String method, String path, String apiKey, Object body, int expected)
            throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(demo.gatewayUrl() + path))
                .header("x-api-key", apiKey)
                .header("content-type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
        return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    private static void post(String url, String method, Object body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("content-type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + ": " + response.body()).isBetween(200, 299);
    }
}
