package io.ringline.system;

import static io.ringline.system.SoftphonePage.WAIT;
import static io.ringline.system.SoftphonePage.number;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringline.devstack.DemoTenant;
import io.ringline.system.browser.Chromium;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import tools.jackson.databind.JsonNode;

/**
 * The /chat softphone in a real browser (headless Chromium, fake microphone playing an 880 Hz tone) against the
 * assembled platform. The other end is real too: on META calls the sandbox's simulated user is a WebRTC peer that
 * sends 440 Hz and analyses what it hears; on EVO_GO calls the sandbox's GO media stream does the same over the
 * realtime WebSocket. Every call test checks audio both ways — packets/bytes arrived and the other side's tone was
 * recognised — at the sandbox and in the page. The page is driven with the keyboard only.
 */
class SoftphoneBrowserSystemTest {

    private static final int USER_TONE_HZ = 440;
    private static DemoTenant demo;
    private static PlatformClient client;

    @BeforeAll
    static void platform() {
        demo = SharedPlatform.get().demo();
        client = new PlatformClient(demo);
    }

    @Test
    void aMetaCallPlacedFromThePageCarriesAudioBothWaysAndIsHungUpFromThePage() {
        String user = "+55119700" + uniqueDigits(5);
        client.userBehaves(user, Map.of("onCall", "answer", "afterMs", 500, "hangUpAfterMs", -1,
                "permission", "permanent"));
        try (Chromium browser = Chromium.start("meta-outbound")) {
            SoftphonePage page = signedIn(browser, demo.metaNumber().apiKey());
            assertThat(page.focusedId()).as("the focus lands in the dialer").isEqualTo("to");
            page.dial(user);
            String callId = page.awaitActiveCallId();
            page.awaitConnected();
            assertAudioInPage(page, "webrtc");
            JsonNode seen = awaitSandboxHeardThePage(callId, demo.metaNumber().apiKey(), "/media/received/toneHz",
                    "/media/packetsReceived");
            assertThat(seen.at("/media/kind").asString()).isEqualTo("webrtc");
            assertThat(seen.at("/sdpAnswer").asString()).contains("a=ice-lite").contains("opus/48000");
            page.screenshot("meta-in-call");

            assertThat(page.focusedId()).as("the focus is on Hang up during a call").isEqualTo("hangup");
            page.press(Keys.ENTER);
            page.awaitNoActiveCall();
            page.awaitRow(callId, "COMPLETED");
            awaitSandboxState(callId, demo.metaNumber().apiKey(), "ended");
        }
    }

    @Test
    void aMetaCallFromAUserRingsIsAnsweredWithEnterCarriesAudioAndEndsWhenTheUserHangsUp() {
        String user = "+55119701" + uniqueDigits(5);
        client.userBehaves(user, Map.of("hangUpAfterMs", -1));
        try (Chromium browser = Chromium.start("meta-inbound")) {
            SoftphonePage page = signedIn(browser, demo.metaNumber().apiKey());
            String external = client.userCalls(user, demo.metaNumber().phone());
            page.awaitRinging();
            assertThat(page.incomingPeer()).isEqualTo(user);
            assertThat(page.focusedId()).as("the focus is on Answer while it rings").isEqualTo("answer");
            page.screenshot("meta-incoming");

            page.press(Keys.ENTER);
            page.awaitConnected();
            String callId = page.awaitActiveCallId();
            assertAudioInPage(page, "webrtc");
            JsonNode seen = awaitSandboxHeardThePage(callId, demo.metaNumber().apiKey(), "/media/received/toneHz",
                    "/media/packetsReceived");
            assertThat(seen.at("/sdpAnswer").asString()).as("the page's answer").contains("a=setup:active");

            userHangsUp(external);
            page.awaitNoActiveCall();
            page.awaitRow(callId, "COMPLETED");
            assertThat(page.rowText(callId)).contains("Incoming").contains(user).contains("Completed");
        }
    }

    @Test
    void anEvoGoCallPlacedFromThePageStreamsPcmBothWaysThroughTheRealtimeSession() {
        String user = "+55119702" + uniqueDigits(5);
        client.userBehaves(user, Map.of("onCall", "answer", "afterMs", 500, "hangUpAfterMs", -1));
        try (Chromium browser = Chromium.start("evogo-outbound")) {
            SoftphonePage page = signedIn(browser, demo.evoGoNumber().apiKey());
            page.dial(user);
            String callId = page.awaitActiveCallId();
            page.awaitConnected();
            assertAudioInPage(page, "realtime");
            awaitSandboxHeardThePage(callId, demo.evoGoNumber().apiKey(), "/realtime/heardToneHz",
                    "/realtime/framesReceived");
            page.screenshot("evogo-in-call");

            page.press(Keys.ENTER); // Hang up has the focus
            page.awaitNoActiveCall();
            page.awaitRow(callId, "COMPLETED");
            awaitSandboxState(callId, demo.evoGoNumber().apiKey(), "ended");
        }
    }

    @Test
    void anEvoGoCallFromAUserIsAnsweredCarriesAudioAndEndsWhenTheUserHangsUp() {
        String user = "+55119703" + uniqueDigits(5);
        client.userBehaves(user, Map.of("hangUpAfterMs", -1));
        try (Chromium browser = Chromium.start("evogo-inbound")) {
            SoftphonePage page = signedIn(browser, demo.evoGoNumber().apiKey());
            String external = client.userCalls(user, demo.evoGoNumber().phone());
            page.awaitRinging();
            page.press(Keys.ENTER);
            page.awaitConnected();
            String callId = page.awaitActiveCallId();
            assertAudioInPage(page, "realtime");
            awaitSandboxHeardThePage(callId, demo.evoGoNumber().apiKey(), "/realtime/heardToneHz",
                    "/realtime/framesReceived");

            userHangsUp(external);
            page.awaitNoActiveCall();
            page.awaitRow(callId, "COMPLETED");
        }
    }

    @Test
    void aCallDeclinedWithEscapeIsListedDeclinedAndACallerWhoGivesUpIsListedMissed() {
        String decliner = "+55119704" + uniqueDigits(5);
        String quitter = "+55119705" + uniqueDigits(5);
        try (Chromium browser = Chromium.start("declined-missed")) {
            SoftphonePage page = signedIn(browser, demo.evoGoNumber().apiKey());

            String declined = client.userCalls(decliner, demo.evoGoNumber().phone());
            page.awaitRinging();
            page.press(Keys.ESCAPE);
            String declinedId = ringlineId(demo.evoGoNumber().apiKey(), declined);
            page.awaitRow(declinedId, "REJECTED");
            assertThat(page.rowText(declinedId)).contains("Declined");
            assertThat(page.state().get("ringing")).isEqualTo(false);

            String missed = client.userCalls(quitter, demo.evoGoNumber().phone());
            page.awaitRinging();
            userHangsUp(missed);
            String missedId = ringlineId(demo.evoGoNumber().apiKey(), missed);
            page.awaitRow(missedId, "MISSED");
            await().atMost(WAIT).until(() -> Boolean.FALSE.equals(page.state().get("ringing")));
            assertThat(page.notice("Missed call from " + quitter)).isNotBlank();
            assertThat(page.rowText(missedId)).contains("Missed");
            page.screenshot("declined-and-missed");
        }
    }

    @Test
    void theListFollowsCallsMadeElsewhereWithoutReloading() {
        String user = "+55119706" + uniqueDigits(5);
        client.userBehaves(user, Map.of("onCall", "answer", "afterMs", 300, "hangUpAfterMs", 1500));
        try (Chromium browser = Chromium.start("live-list")) {
            SoftphonePage page = signedIn(browser, demo.evoGoNumber().apiKey());
            browser.driver().executeScript("window.sameDocument = 'yes';");

            // Placed through the API by someone else: the page only learns of it from the event stream.
            Http.Response placed = client.post(demo.evoGoNumber().apiKey(), "/v1/calls", Map.of("to", user));
            assertThat(placed.status()).as(placed.body()).isEqualTo(201);
            String callId = placed.json().path("id").asString();
            page.awaitRow(callId, "ACCEPTED");
            page.awaitRow(callId, "COMPLETED");
            assertThat(page.rowText(callId)).contains("Outgoing").contains(user).containsPattern("00:0[1-9]");
            assertThat(browser.driver().executeScript("return window.sameDocument;"))
                    .as("the page was never reloaded").isEqualTo("yes");
            page.screenshot("call-list");
        }
    }

    @Test
    void badKeysCallingSwitchedOffAndProviderRefusalsAreShownPlainly() {
        try (Chromium browser = Chromium.start("errors-signin")) {
            SoftphonePage page = new SoftphonePage(browser, demo.gatewayUrl()).open();
            page.signIn("rl_" + "x".repeat(43));
            assertThat(page.signInError("UNAUTHORIZED")).contains("not accepted");
            page.screenshot("bad-key");

            page.signIn(demo.tenantApiKey());
            assertThat(page.signInError("TENANT_SCOPE_NOT_ALLOWED")).contains("not accepted");

            // A META number whose calling is off (Meta: messaging limit below 2,000), no calls yet.
            String numberKey = metaNumberWithCallingDisabled();
            page.signIn(numberKey);
            page.awaitSignedIn();
            assertThat(page.callingDisabledMessage()).contains("Calling is not enabled").contains("DISABLED");
            assertThat(page.callButtonEnabled()).isFalse();
            assertThat(page.emptyListShown()).isTrue();
            page.screenshot("calling-disabled");
        }
        try (Chromium browser = Chromium.start("errors-provider")) {
            SoftphonePage page = signedIn(browser, demo.metaNumber().apiKey());
            page.dial("12345");
            assertThat(page.dialError("E.164")).contains("+5511988887777");

            String stranger = "+55119707" + uniqueDigits(5); // never gave this business permission to call
            client.userBehaves(stranger, Map.of("permission", "none"));
            page.dial(stranger);
            assertThat(page.dialError("META_CALL_PERMISSION_REQUIRED")).contains("provider says")
                    .contains("could not be placed");
            page.awaitNoActiveCall();
            page.screenshot("provider-error");
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private static SoftphonePage signedIn(Chromium browser, String key) {
        return new SoftphonePage(browser, demo.gatewayUrl()).open().signIn(key).awaitSignedIn();
    }

    /** The page received the user's audio: packets and bytes, and the user's 440 Hz tone recognised. */
    private static void assertAudioInPage(SoftphonePage page, String media) {
        await().atMost(WAIT).untilAsserted(() -> {
            Map<String, Object> stats = page.stats();
            assertThat(stats.get("media")).isEqualTo(media);
            assertThat(number(stats, "rxPackets")).isGreaterThan(50);
            assertThat(number(stats, "rxBytes")).isGreaterThan(2000);
            assertThat(number(stats, "txPackets")).isGreaterThan(50);
            assertThat(number(stats, "rxToneHz")).isBetween(USER_TONE_HZ - 20L, USER_TONE_HZ + 20L);
            if (media.equals("realtime")) { // the microphone streams at real time: the session says it plays live
                assertThat(stats.get("playout")).isEqualTo("live");
            }
        });
    }

    /** The sandbox's simulated user heard the page's 880 Hz microphone; returns what the provider saw. */
    private static JsonNode awaitSandboxHeardThePage(String callId, String key, String tonePointer,
            String receivedPointer) {
        String external = client.getCall(key, callId).path("externalCallId").asString();
        JsonNode[] seen = new JsonNode[1];
        await().atMost(WAIT).untilAsserted(() -> {
            seen[0] = sandboxCall(external);
            assertThat(seen[0].at(receivedPointer).asLong()).isGreaterThan(50);
            assertThat(seen[0].at(tonePointer).asInt()).isBetween(Chromium.MICROPHONE_TONE_HZ - 20,
                    Chromium.MICROPHONE_TONE_HZ + 20);
        });
        return seen[0];
    }

    private static void awaitSandboxState(String callId, String key, String state) {
        String external = client.getCall(key, callId).path("externalCallId").asString();
        await().atMost(WAIT).until(() -> state.equals(sandboxCall(external).path("state").asString()));
    }

    private static JsonNode sandboxCall(String externalCallId) {
        Http.Response r = Http.get(demo.sandboxUrl() + "/sandbox/calls/" + externalCallId, Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static void userHangsUp(String externalCallId) {
        Http.Response r = Http.post(demo.sandboxUrl() + "/sandbox/calls/" + externalCallId + "/hangup", Map.of(), null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    /** Ringline's id of a call the provider knows by {@code externalCallId}, once Ringline has it. */
    private static String ringlineId(String key, String externalCallId) {
        String[] id = new String[1];
        await().atMost(WAIT).until(() -> {
            Http.Response r = Http.get(demo.gatewayUrl() + "/v1/calls/" + externalCallId, PlatformClient.key(key));
            id[0] = r.status() == 200 ? r.json().path("id").asString() : null;
            return id[0] != null;
        });
        return id[0];
    }

    private static String metaNumberWithCallingDisabled() {
        String phoneNumberId = "1" + uniqueDigits(14);
        String phone = "+55119708" + uniqueDigits(5);
        String accessToken = "EAAG" + UUID.randomUUID();
        String appSecret = UUID.randomUUID().toString();
        Http.Response provisioned = Http.put(demo.sandboxUrl() + "/sandbox/meta/numbers/" + phoneNumberId, Map.of(
                "phone", phone, "accessToken", accessToken, "appSecret", appSecret,
                "webhookUrl", demo.gatewayUrl() + "/webhooks/meta", "messagingLimit", 1000));
        assertThat(provisioned.status()).as(provisioned.body()).isBetween(200, 201);
        Http.Response number = Http.post(demo.gatewayUrl() + "/v1/numbers", PlatformClient.key(demo.tenantApiKey()),
                Map.of("phone", phone, "provider", "META", "meta", Map.of(
                        "graphBaseUrl", demo.sandboxUrl() + "/meta/v21.0", "phoneNumberId", phoneNumberId,
                        "accessToken", accessToken, "appSecret", appSecret)));
        assertThat(number.status()).as(number.body()).isEqualTo(201);
        Http.Response key = Http.post(demo.gatewayUrl() + "/v1/api-keys", PlatformClient.key(demo.tenantApiKey()),
                Map.of("name", "calling off", "numberId", number.json().path("id").asString()));
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        return key.json().path("key").asString();
    }

    private static String uniqueDigits(int length) {
        String digits = String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits()));
        return digits.substring(0, length);
    }
}
