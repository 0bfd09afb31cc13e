package io.ringline.system.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.standardwebhooks.Webhook;
import io.ringline.devstack.DemoTenant;
import io.ringline.system.SharedPlatform;
import io.ringline.testsupport.http.RecordingHttpReceiver;
import io.ringline.testsupport.http.RecordingHttpReceiver.Received;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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

    private static DemoTenant demo;
    private static RecordingHttpReceiver receiver;

    @BeforeAll
    static void start() throws Exception {
        demo = SharedPlatform.get().demo();
        receiver = new RecordingHttpReceiver();
    }

    @AfterAll
    static void stop() {
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void logRotationAndReplayWorkThroughThePublicApi() throws Exception {
        String key = demo.evoGoNumber().apiKey();
        Instant since = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
        JsonNode created = call("POST", "/v1/webhooks", key, Map.of("url",
                receiver.url("/hook"), "events", List.of("*")), 201);
        String id = created.path("id").asString();
        String firstSecret = created.path("secret").asString();

        String user = "5511977770" + (100 + (int) (Math.random() * 800));
        post(demo.sandboxUrl() + "/sandbox/users/" + user + "/behaviour", "PUT", Map.of("hangUpAfterMs", 800));
        post(demo.sandboxUrl() + "/sandbox/users/" + user + "/calls", "POST",
                Map.of("to", demo.evoGoNumber().phone().replace("+", "")));
        await().atMost(Duration.ofSeconds(40)).until(() -> receiver.received().stream()
                .anyMatch(got -> "call.ringing".equals(event(got))));
        String callId = JSON.readTree(receiver.received().getFirst().body()).path("callId").asString();
        call("POST", "/v1/calls/" + callId + "/accept", key, null, 200); // the user hangs up 800 ms later
        await().atMost(Duration.ofSeconds(40)).until(() -> receiver.received().stream()
                .anyMatch(got -> "call.ended".equals(event(got))));
        List<Received> first = receiver.received();
        int firstBatch = first.size();
        for (Received got : first) {
            new Webhook(firstSecret).verify(got.body(), got.headers());
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
        List<Received> all = receiver.awaitReceived(2 * firstBatch, Duration.ofSeconds(30));
        List<Received> replayed = all.subList(firstBatch, all.size());
        List<String> originalIds = all.subList(0, firstBatch).stream().map(got -> got.header("webhook-id")).toList();
        assertThat(replayed.stream().map(got -> got.header("webhook-id")).toList())
                .containsAll(originalIds);
        for (Received got : replayed) {
            assertThat(got.header("webhook-signature").split(" ")).hasSize(2);
            new Webhook(firstSecret).verify(got.body(), got.headers());
            new Webhook(secondSecret).verify(got.body(), got.headers());
        }
        call("DELETE", "/v1/webhooks/" + id, key, null, 204);
    }

    private static String event(Received got) {
        return JSON.readTree(got.body()).path("event").asString();
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
