package io.ringline.sandbox.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.ringline.sandbox.meta.sdp.SdpRole;
import io.ringline.sandbox.meta.sdp.SdpRules;
import io.ringline.sandbox.meta.webhook.HubSignature;
import io.ringline.sandbox.support.ProviderWebhookRecorder;
import io.ringline.sandbox.support.SandboxTest;
import io.ringline.sandbox.support.TestPhones;
import io.ringline.testsupport.sdp.SdpFixtures;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Meta calls in both directions, as the Graph API client and its webhook receiver see them. */
@SandboxTest
class MetaCallFlowTest extends MetaTestSupport {

    @Test
    void answeredBusinessCallSendsConnectRingingAcceptedAndTerminateAllSigned() {
        String user = TestPhones.random();
        sandbox.behaviour(user, Map.of("onCall", "answer", "afterMs", 50, "hangUpAfterMs", 1200,
                "permission", "temporary", "name", "Maria"));

        String callId = sandbox.metaConnect(number, "+" + user, SdpFixtures.offer());

        assertThat(callId).startsWith("wacid.");
        await().atMost(DEADLINE).until(() -> receiver.metaEventNames(callId),
                names -> names.equals(List.of("connect", "status:RINGING", "status:ACCEPTED", "terminate")));
        List<ProviderWebhookRecorder.Webhook> webhooks = receiver.metaCallWebhooks(callId);
        webhooks.forEach(webhook -> {
            assertThat(webhook.headers().get("x-hub-signature-256"))
                    .isEqualTo(HubSignature.sign(number.appSecret(), webhook.body().getBytes(StandardCharsets.UTF_8)));
            assertThat(webhook.json().path("object").asString()).isEqualTo("whatsapp_business_account");
            assertThat(webhook.json().path("entry").get(0).path("id").asString()).isEqualTo("waba-test");
            assertThat(webhook.json().path("entry").get(0).path("changes").get(0).path("field").asString())
                    .isEqualTo("calls");
            JsonNode metadata = ProviderWebhookRecorder.metaValue(webhook.json()).path("metadata");
            assertThat(metadata.path("phone_number_id").asString()).isEqualTo(number.phoneNumberId());
            assertThat(metadata.path("display_phone_number").asString()).isEqualTo(number.phone());
        });

        JsonNode connectValue = ProviderWebhookRecorder.metaValue(webhooks.get(0).json());
        JsonNode connect = connectValue.path("calls").get(0);
        assertThat(connect.path("direction").asString()).isEqualTo("BUSINESS_INITIATED");
        assertThat(connect.path("from").asString()).isEqualTo(number.phone());
        assertThat(connect.path("to").asString()).isEqualTo(user);
        assertThat(connect.path("session").path("sdp_type").asString()).isEqualTo("answer");
        String answer = connect.path("session").path("sdp").asString();
        assertThat(SdpRules.problems(answer, SdpRole.BUSINESS_OFFER)).isEmpty();
        assertThat(answer).contains("a=ice-lite");
        assertThat(connectValue.path("contacts").get(0).path("profile").path("name").asString()).isEqualTo("Maria");

        JsonNode ringing = ProviderWebhookRecorder.metaValue(webhooks.get(1).json()).path("statuses").get(0);
        assertThat(ringing.path("type").asString()).isEqualTo("call");
        assertThat(ringing.path("recipient_id").asString()).isEqualTo(user);

        JsonNode terminate = ProviderWebhookRecorder.metaValue(webhooks.get(3).json()).path("calls").get(0);
        assertThat(terminate.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(terminate.path("duration").asInt())
                .isEqualTo(sandbox.call(callId).path("durationSeconds").asInt())
                .isGreaterThanOrEqualTo(1);
        assertThat(terminate.path("start_time").asLong()).isPositive();
        assertThat(terminate.path("end_time").asLong()).isGreaterThanOrEqualTo(terminate.path("start_time").asLong());

        JsonNode seen = sandbox.call(callId);
        assertThat(seen.path("provider").asString()).isEqualTo("META");
        assertThat(seen.path("sdpOffer").asString()).isEqualTo(SdpFixtures.offer());
        assertThat(seen.path("sdpAnswer").asString()).isEqualTo(answer);
        assertThat(seen.path("actions").get(0).path("action").asString()).isEqualTo("connect");
    }

    @Test
    void rejectedBusinessCallEndsFailedWithoutDuration() {
        String user = TestPhones.random();
        sandbox.behaviour(user, Map.of("onCall", "reject", "afterMs", 30, "permission", "permanent"));

        String callId = client.post().uri("/meta/v21.0/{id}/calls", number.phoneNumberId())
                .header("Authorization", "Bearer " + number.accessToken())
                .bodyValue(Map.of("messaging_product", "whatsapp", "to", user, "action", "connect",
                        "biz_opaque_callback_data", "order-42",
                        "session", Map.of("sdp_type", "offer", "sdp", SdpFixtures.offer())))
                .exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody().path("calls").get(0).path("id").asString();

        await().atMost(DEADLINE).until(() -> receiver.metaEventNames(callId),
                names -> names.equals(List.of("connect", "status:RINGING", "status:REJECTED", "terminate")));
        JsonNode terminate = ProviderWebhookRecorder.metaValue(receiver.metaCallWebhooks(callId).getLast().json())
                .path("calls").get(0);
        assertThat(terminate.path("status").asString()).isEqualTo("FAILED");
        assertThat(terminate.has("duration")).isFalse();
        assertThat(terminate.has("start_time")).isFalse();
        assertThat(terminate.path("biz_opaque_callback_data").asString()).isEqualTo("order-42");
    }

    @Test
    void businessCallsNeedPermissionAValidSdpAndTheRightToken() {
        String noPermission = TestPhones.random();
        sandbox.behaviour(noPermission, Map.of("permission", "none"));
        sandbox.graphPost(number, "/calls", connect(noPermission, SdpFixtures.offer()))
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.error.code").isEqualTo(138006)
                .jsonPath("$.error.type").isEqualTo("OAuthException")
                .jsonPath("$.error.fbtrace_id").exists();

        String allowed = TestPhones.random();
        sandbox.behaviour(allowed, Map.of("permission", "permanent", "onCall", "ignore"));
        sandbox.graphPost(number, "/calls", connect(allowed, SdpFixtures.offer().replace("a=fingerprint:sha-256",
                        "a=fingerprint:sha-1")))
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.error.code").isEqualTo(100)
                .jsonPath("$.error.error_data.details").value(details ->
                        assertThat((String) details).contains("sha-256"));
        sandbox.graphPost(number, "/calls", Map.of("messaging_product", "whatsapp", "to", allowed,
                        "action", "connect", "biz_opaque_callback_data", "x".repeat(513),
                        "session", Map.of("sdp_type", "offer", "sdp", SdpFixtures.offer())))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.code").isEqualTo(100);
        sandbox.graphPost(number, "/calls", Map.of("messaging_product", "whatsapp", "action", "dial"))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.code").isEqualTo(100);

        client.post().uri("/meta/v21.0/{id}/calls", number.phoneNumberId())
                .header("Authorization", "Bearer wrong")
                .bodyValue(connect(allowed, SdpFixtures.offer()))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.error.code").isEqualTo(190);
        client.post().uri("/meta/v21.0/999/calls")
                .header("Authorization", "Bearer " + number.accessToken())
                .bodyValue(connect(allowed, SdpFixtures.offer()))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.code").isEqualTo(100).jsonPath("$.error.error_subcode").isEqualTo(33);

        String callId = sandbox.metaConnect(number, allowed, SdpFixtures.offer());
        sandbox.graphPost(number, "/calls", connect(allowed, SdpFixtures.offer()))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.code").isEqualTo(138003);
        sandbox.graphPost(number, "/calls", Map.of("messaging_product", "whatsapp", "call_id", callId,
                        "action", "accept", "session", Map.of("sdp_type", "answer", "sdp", SdpFixtures.answer())))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.error_data.details").value(details ->
                        assertThat((String) details).contains("only valid for user-initiated calls"));
        sandbox.graphPost(number, "/calls", Map.of("messaging_product", "whatsapp", "call_id", callId,
                        "action", "terminate"))
                .expectStatus().isOk()
                .expectBody().jsonPath("$.success").isEqualTo(true);
        await().atMost(DEADLINE).until(() -> receiver.metaEventNames(callId).contains("terminate"));
    }

    @Test
    void userCallIsOfferedPreAcceptedAcceptedAndHungUpByTheUser() {
        String user = TestPhones.random();
        sandbox.behaviour(user, Map.of("hangUpAfterMs", 1100));

        String callId = sandbox.userCalls(user, number.phone());

        await().atMost(DEADLINE).until(() -> receiver.metaEventNames(callId),
                names -> names.equals(List.of("connect")));
        JsonNode connect = ProviderWebhookRecorder.metaValue(receiver.metaCallWebhooks(callId).getFirst().json())
                .path("calls").get(0);
        assertThat(connect.path("direction").asString()).isEqualTo("USER_INITIATED");
        assertThat(connect.path("from").asString()).isEqualTo(user);
        assertThat(connect.path("to").asString()).isEqualTo(number.phone());
        assertThat(connect.path("session").path("sdp_type").asString()).isEqualTo("offer");
        assertThat(SdpRules.problems(connect.path("session").path("sdp").asString(), SdpRole.BUSINESS_OFFER))
                .isEmpty();

        sandbox.graphPost(number, "/calls", answerAction(callId, "pre_accept", SdpFixtures.session("passive")))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.error_data.details").value(details ->
                        assertThat((String) details).contains("a=setup:active"));
        sandbox.graphPost(number, "/calls", answerAction(callId, "pre_accept", SdpFixtures.answer()))
                .expectStatus().isOk();
        String otherAnswer = SdpFixtures.answer().replace("a=ice-ufrag:Kd3p", "a=ice-ufrag:Zz9q");
        sandbox.graphPost(number, "/calls", answerAction(callId, "accept", otherAnswer))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error.error_data.details").value(details ->
                        assertThat((String) details).contains("identical to the pre_accept SDP"));
        sandbox.graphPost(number, "/calls", answerAction(callId, "accept", SdpFixtures.answer()))
                .expectStatus().isOk();

        await().atMost(DEADLINE).until(() -> receiver.metaEventNames(callId),
                names -> names.equals(List.of("connect", "terminate")));
        JsonNode terminate = ProviderWebhookRecorder.metaValue(receiver.metaCallWebhooks(callId).getLast().json())
                .path("calls").get(0);
        assertThat(terminate.path("status").asString()).isEqualTo("COMPLETED");
        JsonNode seen = sandbox.call(callId);
        assertThat(terminate.path("duration").asInt()).isEqualTo(seen.path("durationSeconds").asInt())
                .isGreaterThanOrEqualTo(1);
        assertThat(seen.path("direction").asString()).isEqualTo("INBOUND");
        assertThat(seen.path("sdpAnswer").asString()).isEqualTo(SdpFixtures.answer());
        assertThat(seen.path("actions").valueStream().map(action -> action.path("action").asString()))
                .containsExactly("pre_accept", "pre_accept", "accept", "accept");
        assertThat(seen.path("actions").get(0).path("error").asString()).contains("a=setup:active");
        assertThat(seen.path("actions").get(1).path("error").isNull()).isTrue();
    }

    @Test
    void rejectedOrUnansweredUserCallsTerminateAsFailed() {
        String rejected = sandbox.userCalls(TestPhones.random(), number.phone());
        String unanswered = sandbox.userCalls(TestPhones.random(), number.phone());

        sandbox.graphPost(number, "/calls", Map.of("messaging_product", "whatsapp", "call_id", rejected,
                "action", "reject")).expectStatus().isOk();

        await().atMost(DEADLINE).until(() -> receiver.metaEventNames(rejected),
                names -> names.equals(List.of("connect", "terminate")));
        await().atMost(DEADLINE).until(() -> receiver.metaEventNames(unanswered),
                names -> names.equals(List.of("connect", "terminate")));
        for (String callId : List.of(rejected, unanswered)) {
            JsonNode terminate = ProviderWebhookRecorder.metaValue(receiver.metaCallWebhooks(callId).getLast().json())
                    .path("calls").get(0);
            assertThat(terminate.path("status").asString()).isEqualTo("FAILED");
        }
        sandbox.graphPost(number, "/calls", answerAction(rejected, "accept", SdpFixtures.answer()))
                .expectStatus().isBadRequest();
    }

    @Test
    void injectedErrorCodesComeBackAsGraphErrors() {
        sandbox.faults(number.phone(), Map.of("errorCode", 131044));
        try {
            sandbox.graphGet(number, "/settings")
                    .expectStatus().isBadRequest()
                    .expectBody()
                    .jsonPath("$.error.code").isEqualTo(131044)
                    .jsonPath("$.error.type").isEqualTo("OAuthException")
                    .jsonPath("$.error.error_data.details").exists();
        } finally {
            sandbox.faults(number.phone(), Map.of());
        }
    }

    @Test
    void aHeldAnswerComesAfterTheCallWasCreatedAndRangWhileTheClientWaited() {
        String user = TestPhones.random();
        sandbox.behaviour(user, Map.of("onCall", "ignore", "permission", "temporary"));
        sandbox.faults(number.phone(), Map.of("answerLatencyMs", 3000));
        try {
            String callId = sandbox.metaConnect(number, "+" + user, SdpFixtures.offer());

            // by the time the held answer came, the call existed and its webhooks had gone out
            assertThat(receiver.metaEventNames(callId)).contains("connect", "status:RINGING");
            assertThat(sandbox.call(callId).path("actions").get(0).path("action").asString()).isEqualTo("connect");
        } finally {
            sandbox.faults(number.phone(), Map.of());
        }
    }

    private static Map<String, Object> connect(String to, String sdp) {
        return Map.of("messaging_product", "whatsapp", "to", to, "action", "connect",
                "session", Map.of("sdp_type", "offer", "sdp", sdp));
    }

    private static Map<String, Object> answerAction(String callId, String action, String sdp) {
        return Map.of("messaging_product", "whatsapp", "call_id", callId, "action", action,
                "session", Map.of("sdp_type", "answer", "sdp", sdp));
    }
}
