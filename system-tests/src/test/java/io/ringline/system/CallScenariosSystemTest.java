package io.ringline.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringline.devstack.DemoTenant;
import io.ringline.testsupport.sdp.SdpFixtures;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * The call scenarios of both directions on both providers, through the assembled platform and the sandbox:
 * the same public API and the same outcome whatever the number's provider, only the SDP differs.
 */
class CallScenariosSystemTest {

    enum SimulatedProvider { META, EVO_GO }

    private static PlatformClient client;
    private static DemoTenant demo;

    @BeforeAll
    static void platform() {
        demo = SharedPlatform.get().demo();
        client = new PlatformClient(demo);
    }

    private static DemoTenant.DemoNumber number(SimulatedProvider p) {
        return p == SimulatedProvider.META ? demo.metaNumber() : demo.evoGoNumber();
    }

    /** A user per provider and scenario, so scenarios never see each other's calls. */
    private static String user(SimulatedProvider p, int scenario) {
        return (p == SimulatedProvider.META ? "+55319666600" : "+55319555500") + scenario;
    }

    private static void behaves(SimulatedProvider p, String user, Map<String, Object> behaviour) {
        Map<String, Object> b = new HashMap<>(behaviour);
        if (p == SimulatedProvider.META) {
            b.put("permission", "temporary"); // business-initiated Meta calls need the user's permission
        }
        client.userBehaves(user, b);
    }

    private static String placeCall(SimulatedProvider p, String to) {
        Map<String, Object> body = new HashMap<>(Map.of("to", to));
        if (p == SimulatedProvider.META) {
            body.put("sdp", SdpFixtures.offer());
        }
        Http.Response placed = client.post(number(p).apiKey(), "/v1/calls", body);
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        return placed.json().path("id").asString();
    }

    private static Http.Response accept(SimulatedProvider p, String callId) {
        return client.post(number(p).apiKey(), "/v1/calls/" + callId + "/accept",
                p == SimulatedProvider.META ? Map.of("sdp", SdpFixtures.answer()) : null);
    }

    private static void awaitStatus(SimulatedProvider p, String callId, String status) {
        await().atMost(Duration.ofSeconds(45)).until(() -> status.equals(client.status(number(p).apiKey(), callId)));
    }

    private static void awaitWebhooks(String field, String value, String... events) {
        await().atMost(Duration.ofSeconds(30)).until(() ->
                PlatformClient.events(client.deliveries(field, value)).containsAll(List.of(events)));
    }

    @ParameterizedTest
    @EnumSource(SimulatedProvider.class)
    void aBusinessCallTheUserDeclinesEndsRejected(SimulatedProvider p) {
        String user = user(p, 1);
        behaves(p, user, Map.of("onCall", "reject", "afterMs", 300));

        String id = placeCall(p, user);

        awaitStatus(p, id, "REJECTED");
        awaitWebhooks("callId", id, "call.ended");
        assertThat(client.getCall(number(p).apiKey(), id).path("connectedAt").isNull()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(SimulatedProvider.class)
    void aBusinessCallNobodyAnswersFailsWithNoAnswerAndNothingIsLeftRinging(SimulatedProvider p) {
        String user = user(p, 2);
        behaves(p, user, Map.of("onCall", "ignore"));

        String id = placeCall(p, user);

        awaitStatus(p, id, "FAILED");
        JsonNode call = client.getCall(number(p).apiKey(), id);
        assertThat(call.path("endReason").asString()).isEqualTo("NO_ANSWER");
        assertThat(call.has("billing")).as("unanswered calls are not billed").isFalse();
        awaitWebhooks("callId", id, "call.ended");
    }

    @ParameterizedTest
    @EnumSource(SimulatedProvider.class)
    void anAnsweredBusinessCallIsHungUpByTheBusiness(SimulatedProvider p) {
        String user = user(p, 3);
        behaves(p, user, Map.of("onCall", "answer", "afterMs", 200, "hangUpAfterMs", 600_000));
        String id = placeCall(p, user);
        awaitStatus(p, id, "ACCEPTED");

        Http.Response terminated = client.post(number(p).apiKey(), "/v1/calls/" + id + "/terminate", null);

        assertThat(terminated.status()).as(terminated.body()).isEqualTo(200);
        assertThat(terminated.json().path("status").asString()).isEqualTo("COMPLETED");
        awaitWebhooks("callId", id, "call.ringing", "call.connected", "call.ended");
    }

    @ParameterizedTest
    @EnumSource(SimulatedProvider.class)
    void aUserCallAnsweredAndThenHungUpByTheBusinessCompletesWithItsDuration(SimulatedProvider p) {
        String user = user(p, 4);
        client.userBehaves(user, Map.of("hangUpAfterMs", 600_000));
        String external = client.userCalls(user, number(p).phone());
        awaitStatus(p, external, "RINGING");

        assertThat(accept(p, external).status()).isEqualTo(200);
        Http.Response terminated = client.post(number(p).apiKey(), "/v1/calls/" + external + "/terminate", null);

        assertThat(terminated.status()).as(terminated.body()).isEqualTo(200);
        assertThat(terminated.json().path("status").asString()).isEqualTo("COMPLETED");
        JsonNode call = client.getCall(number(p).apiKey(), external);
        assertThat(call.path("durationSeconds").isNull()).isFalse();
        awaitWebhooks("externalCallId", external, "call.ringing", "call.connected", "call.ended");
    }

    @ParameterizedTest
    @EnumSource(SimulatedProvider.class)
    void aUserCallNobodyAnswersWithinTheAcceptWindowIsMissed(SimulatedProvider p) {
        String external = client.userCalls(user(p, 5), number(p).phone());
        awaitStatus(p, external, "RINGING");

        awaitStatus(p, external, "MISSED");
        awaitWebhooks("externalCallId", external, "call.ringing", "call.missed");
        Http.Response late = accept(p, external);
        assertThat(late.status()).as(late.body()).isEqualTo(409);
        assertThat(late.json().path("code").asString()).isEqualTo("INVALID_CALL_STATE");
    }

    @Test
    void aMetaUserCallIsPreAcceptedThenAcceptedWithTheSameSdp() {
        String key = demo.metaNumber().apiKey();
        client.userBehaves(user(SimulatedProvider.META, 6), Map.of("hangUpAfterMs", 1000));
        String external = client.userCalls(user(SimulatedProvider.META, 6), demo.metaNumber().phone());
        awaitStatus(SimulatedProvider.META, external, "RINGING");

        Http.Response preAccepted = client.post(key, "/v1/calls/" + external + "/pre-accept", Map.of("sdp", SdpFixtures.answer()));
        assertThat(preAccepted.status()).as(preAccepted.body()).isEqualTo(200);
        assertThat(preAccepted.json().path("status").asString()).isEqualTo("RINGING");

        Http.Response accepted = client.post(key, "/v1/calls/" + external + "/accept",
                Map.of("sdp", SdpFixtures.answer(), "sdpType", "answer"));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.json().path("status").asString()).isEqualTo("ACCEPTED");
        awaitStatus(SimulatedProvider.META, external, "COMPLETED");
        assertThat(client.getCall(key, external + "?includeSdp=1").path("sdpAnswer").asString()).isEqualTo(SdpFixtures.answer());
    }

    @Test
    void preAcceptIsRefusedOnEvolutionGo() {
        String external = client.userCalls(user(SimulatedProvider.EVO_GO, 6), demo.evoGoNumber().phone());
        awaitStatus(SimulatedProvider.EVO_GO, external, "RINGING");

        Http.Response preAccept = client.post(demo.evoGoNumber().apiKey(), "/v1/calls/" + external + "/pre-accept",
                Map.of("sdp", SdpFixtures.answer()));

        assertThat(preAccept.status()).isEqualTo(400);
        assertThat(preAccept.json().path("code").asString()).isEqualTo("FEATURE_NOT_SUPPORTED");
        assertThat(client.post(demo.evoGoNumber().apiKey(), "/v1/calls/" + external + "/reject", null).status()).isEqualTo(200);
    }
}
