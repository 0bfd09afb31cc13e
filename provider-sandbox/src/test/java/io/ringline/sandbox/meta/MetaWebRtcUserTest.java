package io.ringline.sandbox.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import io.ringline.sandbox.support.BusinessPeer;
import io.ringline.sandbox.support.ProviderWebhookRecorder;
import io.ringline.sandbox.support.SandboxTest;
import io.ringline.sandbox.support.TestPhones;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The simulated WhatsApp user on META calls is a real WebRTC peer: a business peer (libwebrtc in the test) offers or
 * answers, and audio crosses in both directions — the user hears the business's 660 Hz, the business hears the
 * user's 440 Hz once the call is answered. Candidates are local to this machine.
 */
@SandboxTest
class MetaWebRtcUserTest extends MetaTestSupport {

    private static final Duration MEDIA = Duration.ofSeconds(20);
    private static final int BUSINESS_TONE = 660;

    @Test
    void aBusinessCallIsAnsweredByTheUsersPeerAndCarriesAudioBothWays() {
        String user = TestPhones.random();
        sandbox.behaviour(user, Map.of("onCall", "answer", "afterMs", 100, "hangUpAfterMs", -1,
                "permission", "permanent"));
        try (BusinessPeer business = BusinessPeer.start(BUSINESS_TONE)) {
            String callId = sandbox.metaConnect(number, "+" + user, business.offer());
            await().atMost(MEDIA).until(() -> receiver.metaEventNames(callId).contains("status:ACCEPTED"));
            JsonNode connect = ProviderWebhookRecorder.metaValue(receiver.metaCallWebhooks(callId).getFirst().json())
                    .path("calls").get(0);
            String answer = connect.path("session").path("sdp").asString();
            assertThat(answer).contains("a=ice-lite").contains("a=rtpmap:111 opus/48000/2").doesNotContain("PCMU")
                    .doesNotContain("a=ice-options").contains("a=candidate:");
            business.applyAnswer(answer);

            await().atMost(MEDIA).untilAsserted(() -> {
                JsonNode media = sandbox.call(callId).path("media");
                assertThat(media.path("kind").asString()).isEqualTo("webrtc");
                assertThat(media.path("state").asString()).isEqualTo("connected");
                assertThat(media.path("packetsReceived").asLong()).isGreaterThan(50);
                assertThat(media.path("received").path("toneHz").asInt()).isEqualTo(BUSINESS_TONE);
                assertThat(business.packetsReceived()).isGreaterThan(50);
                assertThat(business.heard().toneHz()).isEqualTo(440);
            });

            sandbox.graphPost(number, "/calls", Map.of("messaging_product", "whatsapp", "call_id", callId,
                    "action", "terminate")).expectStatus().isOk();
            await().atMost(MEDIA).untilAsserted(() -> {
                JsonNode media = sandbox.call(callId).path("media");
                assertThat(media.path("state").asString()).isEqualTo("closed");
                assertThat(media.path("received").path("toneHz").asInt()).as("figures kept").isEqualTo(BUSINESS_TONE);
            });
        }
    }

    @Test
    void aUserCallOffersFromTheUsersPeerAndTheBusinessAnswerCarriesAudioBothWays() {
        String user = TestPhones.random();
        sandbox.behaviour(user, Map.of("hangUpAfterMs", -1));
        try (BusinessPeer business = BusinessPeer.start(BUSINESS_TONE)) {
            String callId = sandbox.userCalls("+" + user, number.phone());
            await().atMost(MEDIA).until(() -> receiver.metaEventNames(callId).contains("connect"));
            JsonNode connect = ProviderWebhookRecorder.metaValue(receiver.metaCallWebhooks(callId).getFirst().json())
                    .path("calls").get(0);
            String offer = connect.path("session").path("sdp").asString();
            assertThat(connect.path("session").path("sdp_type").asString()).isEqualTo("offer");
            assertThat(offer).contains("a=ice-lite").contains("a=setup:actpass").contains("opus/48000/2");

            String answer = business.answer(offer);
            Map<String, Object> session = Map.of("sdp_type", "answer", "sdp", answer);
            sandbox.graphPost(number, "/calls", Map.of("messaging_product", "whatsapp", "call_id", callId,
                    "action", "pre_accept", "session", session)).expectStatus().isOk();
            sandbox.graphPost(number, "/calls", Map.of("messaging_product", "whatsapp", "call_id", callId,
                    "action", "accept", "session", session)).expectStatus().isOk();

            await().atMost(MEDIA).untilAsserted(() -> {
                JsonNode media = sandbox.call(callId).path("media");
                assertThat(media.path("packetsReceived").asLong()).isGreaterThan(50);
                assertThat(media.path("received").path("toneHz").asInt()).isEqualTo(BUSINESS_TONE);
                assertThat(business.heard().toneHz()).isEqualTo(440);
            });
            sandbox.userHangsUp(callId);
        }
    }
}
