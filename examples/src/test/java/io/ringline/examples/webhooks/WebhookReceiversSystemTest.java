package io.ringline.examples.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.ringline.devstack.DemoTenant;
import io.ringline.examples.ExamplesPlatform;
import io.ringline.examples.Programs;
import io.ringline.sdk.ApiClient;
import io.ringline.sdk.ApiException;
import io.ringline.sdk.api.CallsApi;
import io.ringline.sdk.api.WebhooksApi;
import io.ringline.sdk.model.PlaceCallRequest;
import io.ringline.sdk.model.Webhook;
import io.ringline.sdk.model.WebhookEventName;
import io.ringline.sdk.model.WebhookRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The webhook receivers docs/webhooks.md shows — Java ({@link WebhookReceiver}, com.standardwebhooks) and Node
 * ({@code webhooks/node/receiver.mjs}, npm standardwebhooks) — get real deliveries from the running platform's
 * fan-out, signed with a subscription's secret, and verify them; a forged request is rejected.
 */
class WebhookReceiversSystemTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theJavaReceiverVerifiesRealDeliveriesAndRejectsAForgedOne() throws Exception {
        int port = freePort();
        Webhook webhook = subscribe("http://localhost:" + port + "/ringline");
        List<String> verified = new CopyOnWriteArrayList<>();
        HttpServer receiver = WebhookReceiver.start(port, webhook.getSecret(),
                (id, body) -> verified.add(JSON.readTree(body).get("event").asString() + " " + id));
        try {
            String callId = placeCall();
            Awaitility.await().atMost(60, TimeUnit.SECONDS)
                    .until(() -> verified.stream().anyMatch(line -> line.startsWith("call.ended ")));
            assertThat(verified).allMatch(line -> line.matches("call\\.[a-z_]+ evt_\\w+"));
            assertThat(callId).startsWith("call_");

            assertThat(forge(port)).isEqualTo(400);
        } finally {
            receiver.stop(0);
            unsubscribe(webhook);
        }
    }

    @Test
    void theNodeReceiverVerifiesRealDeliveriesAndRejectsAForgedOne() throws Exception {
        int port = freePort();
        Webhook webhook = subscribe("http://localhost:" + port + "/ringline");
        try (var receiver = Programs.start(List.of("node", "webhooks/node/receiver.mjs"),
                Map.of("RINGLINE_WEBHOOK_SECRET", webhook.getSecret(), "PORT", String.valueOf(port)))) {
            receiver.awaitLine(line -> line.equals("listening on " + port), 30);

            placeCall();
            receiver.awaitLine(line -> line.startsWith("verified call.ended evt_"), 60);
            assertThat(receiver.lines()).filteredOn(line -> line.startsWith("verified "))
                    .allMatch(line -> line.matches("verified call\\.[a-z_]+ evt_\\w+"));
            assertThat(receiver.lines()).noneMatch(line -> line.startsWith("rejected"));

            assertThat(forge(port)).isEqualTo(400);
            receiver.awaitLine(line -> line.equals("rejected: No matching signature found"), 10);
        } finally {
            unsubscribe(webhook);
        }
    }

    private static Webhook subscribe(String url) throws Exception {
        return new WebhooksApi(client(demo().evoGoNumber().apiKey())).createWebhook(
                new WebhookRequest().url(URI.create(url)).events(List.of(WebhookEventName.STAR)), null);
    }

    private static void unsubscribe(Webhook webhook) throws Exception {
        new WebhooksApi(client(demo().evoGoNumber().apiKey())).deleteWebhook(webhook.getId());
    }

    /**
     * An EVO_GO call the sandbox's user answers after a second and hangs up on three seconds later. Right after the
     * platform starts, the demo number may not have reached the call service yet: {@code 503 NUMBER_NOT_READY}
     * changes nothing and is retried, as docs/api.md tells clients to; any other failure fails the test.
     */
    private static String placeCall() {
        CallsApi calls = new CallsApi(client(demo().evoGoNumber().apiKey()));
        AtomicReference<String> id = new AtomicReference<>();
        Awaitility.await().atMost(30, TimeUnit.SECONDS).pollInterval(1, TimeUnit.SECONDS).until(() -> {
            try {
                id.set(calls.placeCall(new PlaceCallRequest().to("+5511977776666"), null).getId());
                return true;
            } catch (ApiException e) {
                if (e.getCode() == 503 && String.valueOf(e.getResponseBody()).contains("NUMBER_NOT_READY")) {
                    return false;
                }
                throw e;
            }
        });
        return id.get();
    }

    /** A request that looks like a delivery but was not signed with the secret. */
    private static int forge(int port) throws IOException, InterruptedException {
        HttpRequest forged = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/ringline"))
                .header("content-type", "application/json")
                .header("webhook-id", "evt_forged")
                .header("webhook-timestamp", String.valueOf(System.currentTimeMillis() / 1000))
                .header("webhook-signature", "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"evt_forged\",\"event\":\"call.ended\"}"))
                .build();
        return HttpClient.newHttpClient().send(forged, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static ApiClient client(String key) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(demo().gatewayUrl());
        client.setRequestInterceptor(request -> request.header("x-api-key", key));
        return client;
    }

    private static DemoTenant demo() {
        return ExamplesPlatform.get().demo();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
