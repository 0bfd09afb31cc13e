package io.ringline.examples.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.devstack.DemoTenant;
import io.ringline.examples.ExamplesPlatform;
import io.ringline.examples.Programs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The TypeScript SDK generated from the OpenAPI document (typescript-fetch, compiled with tsc in this build) runs
 * the README's example under node against the running platform: place a call, read it, list calls, create a
 * webhook.
 */
class TypeScriptSdkSystemTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theExamplePlacesReadsListsAndSubscribesThroughTheGeneratedClient() throws Exception {
        DemoTenant demo = ExamplesPlatform.get().demo();
        String sink = demo.sandboxUrl() + "/sandbox/webhook-sink/sdk-typescript";

        var result = Programs.run(List.of("node", "target/ts-build/typescript/place-call.js"), Map.of(
                "RINGLINE_URL", demo.gatewayUrl(),
                "RINGLINE_API_KEY", demo.evoGoNumber().apiKey(),
                "WEBHOOK_URL", sink), 60);

        assertThat(result.exitCode()).as("exit code; stderr: %s", result.stderr()).isZero();
        JsonNode printed = JSON.readTree(result.stdout().getLast());
        String callId = printed.at("/placed/id").asString();
        assertThat(callId).startsWith("call_");
        assertThat(printed.at("/call/id").asString()).isEqualTo(callId);
        assertThat(printed.at("/call/provider").asString()).isEqualTo("EVO_GO");
        assertThat(printed.at("/call/peerNumber").asString()).isEqualTo("+5511988887777");
        assertThat(printed.get("listed").valueStream().map(JsonNode::asString)).contains(callId);
        String webhookId = printed.get("webhookId").asString();
        assertThat(webhookId).startsWith("wh_");

        HttpResponse<String> stored = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(demo.gatewayUrl() + "/v1/webhooks/" + webhookId))
                .header("x-api-key", demo.tenantApiKey()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stored.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(stored.body()).get("url").asString()).isEqualTo(sink);
    }
}
