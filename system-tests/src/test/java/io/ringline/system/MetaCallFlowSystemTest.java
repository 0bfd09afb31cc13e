package io.ringline.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringline.devstack.DemoTenant;
import io.ringline.testsupport.sdp.SdpFixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Both call directions on the demo Meta number, end to end through the assembled platform and the
 * sandbox's Graph API simulation: SDP relayed both ways, signed Meta webhooks in, signed tenant webhooks out.
 */
class MetaCallFlowSystemTest {

    private static PlatformClient client;
    private static DemoTenant demo;
    private static String key;

    @BeforeAll
    static void platform() {
        demo = SharedPlatform.get().demo();
        client = new PlatformClient(demo);
        key = demo.metaNumber().apiKey();
    }

    private String placeCall(String to) {
        Http.Response placed = client.post(key, "/v1/calls", Map.of("to", to, "sdp", SdpFixtures.offer(), "sdpType", "offer"));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        assertThat(placed.json().path("externalCallId").asString()).startsWith("wacid.");
        return placed.json().path("id").asString();
    }

    @Test
    void anAnsweredBusinessInitiatedCallRelaysTheSdpAndIsBilledInSixSecondPulses() throws Exception {
        client.userBehaves("+5521977770001",
                Map.of("onCall", "answer", "afterMs", 300, "hangUpAfterMs", 1500, "permission", "temporary"));

        String id = placeCall("+5521977770001");

        await().atMost(Duration.ofSeconds(40)).until(() -> "COMPLETED".equals(client.status(key, id)));
        JsonNode call = client.getCall(key, id + "?includeSdp=1");
        assertThat(call.path("provider").asString()).isEqualTo("META");
        assertThat(call.path("sdpOffer").asString()).isEqualTo(SdpFixtures.offer());
        assertThat(call.path("sdpAnswer").asString()).contains("a=ice-lite");
        int seconds = call.path("durationSeconds").asInt();
        assertThat(call.path("billing").path("pulses").asInt()).isEqualTo((seconds + 5) / 6);
        assertThat(call.path("billing").path("billableSeconds").asInt()).isEqualTo(call.path("billing").path("pulses").asInt() * 6);
        // Lists never carry SDPs.
        assertThat(Http.get(demo.gatewayUrl() + "/v1/calls?limit=5", PlatformClient.key(key)).body()).doesNotContain("a=fingerprint");

        await().atMost(Duration.ofSeconds(30)).until(() ->
                PlatformClient.events(client.deliveries("callId", id)).containsAll(List.of("call.ringing", "call.connected", "call.ended")));
        for (JsonNode d : client.deliveries("callId", id)) {
            client.verifySignature(d);
        }
        JsonNode ended = client.deliveries("callId", id).stream().map(PlatformClient::payload)
                .filter(p -> p.path("event").asString().equals("call.ended")).findFirst().orElseThrow();
        assertThat(ended.path("billing").path("pulses").asInt()).isEqualTo(call.path("billing").path("pulses").asInt());
        assertThat(PlatformClient.events(client.deliveries("numberId", demo.metaNumber().id()))).contains("calls");
    }

    @Test
    void aConnectMetaAnswersAfterTheTimeoutIsHungUpAtMetaOnceItsIdArrives() {
        String user = "+5521977770006";
        // the user picks up at once and would stay on the line for a minute
        client.userBehaves(user, Map.of("onCall", "answer", "afterMs", 200, "hangUpAfterMs", 60_000,
                "permission", "temporary"));
        String business = demo.metaNumber().phone();
        // Meta creates the call at once but answers the connect after signaling's 5 s provider timeout
        sandboxFaults(Map.of("number", PlatformClient.digits(business), "answerLatencyMs", 7_000));
        try {
            Http.Response placed = client.post(key, "/v1/calls",
                    Map.of("to", user, "sdp", SdpFixtures.offer(), "sdpType", "offer"));

            assertThat(placed.status()).as(placed.body()).isEqualTo(504);
            assertThat(placed.json().path("code").asString()).isEqualTo("PROVIDER_TIMEOUT");
        } finally {
            sandboxFaults(Map.of("number", PlatformClient.digits(business)));
        }
        JsonNode atMeta = await().atMost(Duration.ofSeconds(30)).until(() -> sandboxCallTo(user),
                call -> call != null && "ended".equals(call.path("state").asString()));
        List<String> actions = new ArrayList<>();
        atMeta.path("actions").forEach(action -> actions.add(action.path("action").asString()));
        assertThat(actions).containsExactly("connect", "terminate");
        String externalCallId = atMeta.path("externalCallId").asString();
        JsonNode failed = client.getCall(key, externalCallId);
        assertThat(failed.path("status").asString()).isEqualTo("FAILED");
        assertThat(failed.path("endReason").asString()).isEqualTo("PROVIDER_TIMEOUT");
    }

    private static void sandboxFaults(Map<String, Object> switches) {
        Http.Response r = Http.put(demo.sandboxUrl() + "/sandbox/faults", switches);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    /** The newest call the sandbox's Meta has with this user, or null. */
    private static JsonNode sandboxCallTo(String user) {
        JsonNode calls = Http.get(demo.sandboxUrl() + "/sandbox/calls?peer=" + PlatformClient.digits(user), Map.of())
                .json();
        return calls.isArray() && !calls.isEmpty() ? calls.get(0) : null;
    }

    @Test
    void withoutTheUsersPermissionABusinessCallIsRefusedAsMetaSays() {
        client.userBehaves("+5521977770002", Map.of("onCall", "answer", "permission", "none"));

        Http.Response refused = client.post(key, "/v1/calls", Map.of("to", "+5521977770002", "sdp", SdpFixtures.offer()));

        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.json().path("code").asString()).isEqualTo("META_CALL_PERMISSION_REQUIRED");
    }

    @Test
    void aUserInitiatedCallIsAnsweredWithOurSdpAndEndsWhenTheUserHangsUp() {
        client.userBehaves("+5521977770003", Map.of("hangUpAfterMs", 1200));
        String external = client.userCalls("+5521977770003", demo.metaNumber().phone());

        await().atMost(Duration.ofSeconds(30)).until(() -> "RINGING".equals(client.status(key, external)));
        JsonNode ringing = client.getCall(key, external + "?includeSdp=1");
        assertThat(ringing.path("direction").asString()).isEqualTo("INBOUND");
        assertThat(ringing.path("peerNumber").asString()).isEqualTo("+5521977770003");
        assertThat(ringing.path("sdpOffer").asString()).startsWith("v=0");

        Http.Response accepted = client.post(key, "/v1/calls/" + ringing.path("id").asString() + "/accept",
                Map.of("sdp", SdpFixtures.answer(), "sdpType", "answer"));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.json().path("status").asString()).isEqualTo("ACCEPTED");

        await().atMost(Duration.ofSeconds(30)).until(() -> "COMPLETED".equals(client.status(key, external)));
        assertThat(client.getCall(key, external).has("billing")).as("user-initiated calls are free").isFalse();
        await().atMost(Duration.ofSeconds(30)).until(() -> PlatformClient.events(
                client.deliveries("externalCallId", external)).containsAll(List.of("call.ringing", "call.connected", "call.ended")));
    }

    @Test
    void aRejectedUserInitiatedCallEndsRejected() {
        String external = client.userCalls("+5521977770004", demo.metaNumber().phone());
        await().atMost(Duration.ofSeconds(30)).until(() -> "RINGING".equals(client.status(key, external)));

        Http.Response rejected = client.post(key, "/v1/calls/" + external + "/reject", null);

        assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
        assertThat(rejected.json().path("status").asString()).isEqualTo("REJECTED");
        assertThat(client.status(key, external)).isEqualTo("REJECTED");
        // EVO_GO-only and META-only operations refuse the other provider's number.
        Http.Response play = client.post(key, "/v1/calls/" + external + "/play", Map.of("mediaUrl", "https://example.com/a.mp3"));
        assertThat(play.json().path("code").asString()).isEqualTo("FEATURE_NOT_SUPPORTED");
    }

    @Test
    void aPermissionRequestIsAnsweredByTheUserAndReportedAsAWebhook() {
        // A sandbox user answers permission requests with the permission its behaviour names: "none" declines.
        client.userBehaves("+5521977770005", Map.of("permission", "none"));

        Http.Response requested = client.post(key, "/v1/calls/permissions/request",
                Map.of("to", "+5521977770005", "text", "May we call you about your order?"));

        assertThat(requested.status()).as(requested.body()).isEqualTo(200);
        assertThat(requested.json().path("messageId").asString()).startsWith("wamid.");
        await().atMost(Duration.ofSeconds(30)).until(() -> client.deliveries("peerNumber", "+5521977770005").stream()
                .map(PlatformClient::payload).anyMatch(p -> p.path("event").asString().equals("call.permission_updated")
                        && p.path("permission").path("status").asString().equals("no_permission")));
        Http.Response permission = Http.get(demo.gatewayUrl() + "/v1/calls/permissions?to=%2B5521977770005", PlatformClient.key(key));
        assertThat(permission.status()).as(permission.body()).isEqualTo(200);
        assertThat(permission.json().path("permission").path("status").asString()).isEqualTo("no_permission");

        // A second request within 24 hours is over Meta's limit.
        Http.Response again = client.post(key, "/v1/calls/permissions/request", Map.of("to", "+5521977770005"));
        assertThat(again.status()).as(again.body()).isEqualTo(429);
        assertThat(again.json().path("code").asString()).isEqualTo("META_CALL_PERMISSION_REQUEST_LIMIT");
    }

    @Test
    void callSettingsAreReadAndPartiallyUpdatedOnMeta() {
        Http.Response settings = Http.get(demo.gatewayUrl() + "/v1/calls/settings", PlatformClient.key(key));
        assertThat(settings.status()).as(settings.body()).isEqualTo(200);
        assertThat(settings.json().path("calling").has("status")).isTrue();

        Http.Response updated = Http.send("PUT", demo.gatewayUrl() + "/v1/calls/settings", PlatformClient.key(key),
                "{\"call_icon_visibility\": \"DISABLE_ALL\"}");
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(Http.get(demo.gatewayUrl() + "/v1/calls/settings", PlatformClient.key(key)).json()
                .path("calling").path("call_icon_visibility").asString()).isEqualTo("DISABLE_ALL");

        Http.Response sip = Http.send("PUT", demo.gatewayUrl() + "/v1/calls/settings", PlatformClient.key(key),
                "{\"sip\": {\"status\": \"ENABLED\"}}");
        assertThat(sip.status()).isEqualTo(400);
        Http.Response onGo = Http.get(demo.gatewayUrl() + "/v1/calls/settings", PlatformClient.key(demo.evoGoNumber().apiKey()));
        assertThat(onGo.json().path("code").asString()).isEqualTo("FEATURE_NOT_SUPPORTED");
    }
}
