package io.ringline.sandbox.evogo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.ringline.sandbox.support.RealtimeClient;
import io.ringline.sandbox.support.ProviderWebhookRecorder;
import io.ringline.sandbox.support.SandboxClient;
import io.ringline.sandbox.support.SandboxClient.GoInstance;
import io.ringline.sandbox.support.SandboxTest;
import io.ringline.sandbox.support.TestPhones;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The GO realtime audio WebSocket (SPEC §6.3), driven by a real WebSocket client against the running sandbox. */
@SandboxTest
class GoRealtimeAudioTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SESSIONS_METER = "ringline_sandbox_realtime_sessions_total\\{[^}]*";

    @Autowired
    WebTestClient client;

    private SandboxClient sandbox;
    private ProviderWebhookRecorder receiver;
    private GoInstance instance;
    private RealtimeClient socket;

    @BeforeEach
    void setUp() {
        sandbox = new SandboxClient(client);
        receiver = new ProviderWebhookRecorder();
        instance = sandbox.provisionGo(receiver.url("/webhooks/evolution-go"));
    }

    @AfterEach
    void tearDown() {
        if (socket != null) {
            socket.close();
        }
        receiver.close();
        sandbox.clearFaults();
    }

    @Test
    void startFrameThenTwentyMillisecondPcmFramesOfTheUsersVoice() {
        String callId = activeCall();
        JsonNode session = session(callId, "talk");
        assertThat(session.path("wsUrl").asString())
                .startsWith("ws://")
                .contains("/evogo/" + instance.name() + "/call/media/realtime/ws?callId=" + callId + "&token=");

        socket = RealtimeClient.connect(session.path("wsUrl").asString());

        await().atMost(DEADLINE).until(() -> socket.binaryFrames().size() >= 50);
        List<RealtimeClient.Frame> frames = socket.frames();
        JsonNode start = JSON.readTree(frames.getFirst().text());
        assertThat(start.path("type").asString()).isEqualTo("start");
        assertThat(start.path("callId").asString()).isEqualTo(callId);
        assertThat(start.path("sampleRate").asInt()).isEqualTo(16000);
        assertThat(start.path("channels").asInt()).isEqualTo(1);
        assertThat(start.path("mode").asString()).isEqualTo("talk");
        List<RealtimeClient.Frame> audio = socket.binaryFrames().subList(0, 50);
        assertThat(audio).allSatisfy(frame -> assertThat(frame.binaryLength()).isEqualTo(640));
        // 50 frames paced every 20 ms take about a second; loose bounds for a busy machine.
        long millis = (audio.getLast().atNanos() - frames.getFirst().atNanos()) / 1_000_000;
        assertThat(millis).isBetween(800L, 4000L);
        await().atMost(DEADLINE).untilAsserted(() -> {
            JsonNode realtime = sandbox.call(callId).path("realtime");
            assertThat(realtime.path("sessions").asInt()).isEqualTo(1);
            assertThat(realtime.path("bytesSent").asLong()).isGreaterThanOrEqualTo(50 * 640);
            assertThat(realtime.path("streams").get(0).path("mode").asString()).isEqualTo("talk");
        });
    }

    @Test
    void talkSessionRecordsTheClientsAudioAndClears() {
        String callId = activeCall();
        socket = RealtimeClient.connect(session(callId, "talk").path("wsUrl").asString());
        await().atMost(DEADLINE).until(() -> !socket.texts().isEmpty());

        for (int i = 0; i < 5; i++) {
            socket.sendBinary(new byte[640]);
        }
        socket.sendText("{\"type\":\"clear\"}");

        await().atMost(DEADLINE).untilAsserted(() -> {
            JsonNode realtime = sandbox.call(callId).path("realtime");
            assertThat(realtime.path("bytesReceived").asLong()).isEqualTo(3200);
            assertThat(realtime.path("framesReceived").asLong()).isEqualTo(5);
            assertThat(realtime.path("firstFrameAt").isNull()).isFalse();
            assertThat(realtime.path("bytesRefused").asLong()).isZero();
            assertThat(realtime.path("clears").asLong()).isEqualTo(1);
        });
    }

    @Test
    void theUserRecognisesTheToneTheClientStreamsAndSilenceIsNoTone() {
        String callId = activeCall();
        socket = RealtimeClient.connect(session(callId, "talk").path("wsUrl").asString());
        await().atMost(DEADLINE).until(() -> !socket.texts().isEmpty());

        for (int i = 0; i < 25; i++) {
            socket.sendBinary(new byte[640]); // half a second of silence first
        }
        for (int frame = 0; frame < 50; frame++) { // then one second of 880 Hz
            socket.sendBinary(io.ringline.sandbox.support.TestTones.sine(880, 16_000, 320, frame * 320L));
        }

        await().atMost(DEADLINE).untilAsserted(() -> {
            JsonNode realtime = sandbox.call(callId).path("realtime");
            assertThat(realtime.path("heardToneHz").asInt()).isEqualTo(880);
            JsonNode heard = realtime.path("streams").get(0).path("heard");
            assertThat(heard.path("toneHz").asInt()).isEqualTo(880);
            assertThat(heard.path("toneWindows").asLong()).isGreaterThanOrEqualTo(9);
            assertThat(heard.path("silentWindows").asLong()).isGreaterThanOrEqualTo(4);
        });
    }

    @Test
    void listenSessionRefusesTheClientsAudio() {
        String callId = activeCall();
        socket = RealtimeClient.connect(session(callId, "listen").path("wsUrl").asString());
        await().atMost(DEADLINE).until(() -> !socket.texts().isEmpty());
        assertThat(JSON.readTree(socket.texts().getFirst()).path("mode").asString()).isEqualTo("listen");

        socket.sendBinary(new byte[640]);
        socket.sendBinary(new byte[640]);

        await().atMost(DEADLINE).untilAsserted(() -> {
            JsonNode stream = sandbox.call(callId).path("realtime").path("streams").get(0);
            assertThat(stream.path("mode").asString()).isEqualTo("listen");
            assertThat(stream.path("framesRefused").asLong()).isEqualTo(2);
            assertThat(stream.path("bytesRefused").asLong()).isEqualTo(1280);
            assertThat(stream.path("bytesReceived").asLong()).isZero();
            assertThat(stream.path("firstFrameAt").isNull()).isTrue();
        });
        // The user's voice still flows to a listener.
        await().atMost(DEADLINE).until(() -> socket.binaryFrames().size() >= 5);
    }

    @Test
    void aUsedOrForgedTokenIsRefusedBeforeAnyAudio() {
        String callId = activeCall();
        String wsUrl = session(callId, "talk").path("wsUrl").asString();
        socket = RealtimeClient.connect(wsUrl);
        await().atMost(DEADLINE).until(() -> !socket.binaryFrames().isEmpty());

        try (RealtimeClient reused = RealtimeClient.connect(wsUrl);
                RealtimeClient forged = RealtimeClient.connect(wsUrl.replaceAll("token=.*", "token=forged"));
                RealtimeClient missing = RealtimeClient.connect(wsUrl.replaceAll("&token=.*", ""))) {
            for (RealtimeClient refused : List.of(reused, forged, missing)) {
                await().atMost(DEADLINE).until(refused::done);
                assertThat(refused.refusedStatus()).isEqualTo(401);
                assertThat(refused.frames()).isEmpty();
            }
        }
        assertThat(sandbox.call(callId).path("realtime").path("sessions").asInt()).isEqualTo(1);
        client.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class)
                .value(body -> assertThat(body)
                        .containsPattern(SESSIONS_METER + "mode=\"talk\",outcome=\"opened\"")
                        .containsPattern(SESSIONS_METER + "mode=\"none\",outcome=\"refused\""));
    }

    @Test
    void aSessionForACallNoLongerActiveIsRefused() {
        String callId = activeCall();
        String wsUrl = session(callId, "talk").path("wsUrl").asString();
        sandbox.userHangsUp(callId);

        socket = RealtimeClient.connect(wsUrl);

        await().atMost(DEADLINE).until(socket::done);
        assertThat(socket.refusedStatus()).isEqualTo(409);
        assertThat(socket.frames()).isEmpty();
        assertThat(sandbox.call(callId).path("actions").findValuesAsString("action")).contains("media/realtime/ws");
    }

    @Test
    void theUserHangingUpSendsStopAndClosesNormally() {
        String callId = activeCall();
        socket = RealtimeClient.connect(session(callId, "talk").path("wsUrl").asString());
        await().atMost(DEADLINE).until(() -> socket.binaryFrames().size() >= 3);

        sandbox.userHangsUp(callId);

        await().atMost(DEADLINE).until(() -> socket.closeStatus() != null);
        assertThat(socket.closeStatus().code()).isEqualTo(1000);
        assertStoppedLast(socket);
        await().atMost(DEADLINE).until(() -> !sandbox.call(callId).path("realtime").path("streams").get(0)
                .path("closedAt").isNull());
    }

    @Test
    void theInstanceDroppingTheCallSendsStopAndClosesNormally() {
        String callId = activeCall();
        socket = RealtimeClient.connect(session(callId, "listen").path("wsUrl").asString());
        await().atMost(DEADLINE).until(() -> !socket.binaryFrames().isEmpty());

        sandbox.faults(instance.phone(), Map.of("instanceConnected", false));

        await().atMost(DEADLINE).until(() -> socket.closeStatus() != null);
        assertThat(socket.closeStatus().code()).isEqualTo(1000);
        assertStoppedLast(socket);
    }

    @Test
    void theUserSaysGivenAudioInsteadOfTheTone() {
        String callId = activeCall();
        socket = RealtimeClient.connect(session(callId, "talk").path("wsUrl").asString());
        await().atMost(DEADLINE).until(() -> !socket.binaryFrames().isEmpty());
        byte[] speech = new byte[1000];
        Arrays.fill(speech, (byte) 0x11);

        say(callId, speech)
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.frames").isEqualTo(2)
                .jsonPath("$.sessions").isEqualTo(1);

        byte[] first = Arrays.copyOf(speech, 640);
        byte[] second = Arrays.copyOf(Arrays.copyOfRange(speech, 640, 1000), 640);
        await().atMost(DEADLINE).until(() -> indexOf(socket, first) >= 0 && indexOf(socket, second) >= 0);
        assertThat(indexOf(socket, second)).isEqualTo(indexOf(socket, first) + 1);
    }

    @Test
    void clearDropsTheSpeechStillQueued() {
        String callId = activeCall();
        socket = RealtimeClient.connect(session(callId, "talk").path("wsUrl").asString());
        await().atMost(DEADLINE).until(() -> !socket.binaryFrames().isEmpty());
        byte[] speech = new byte[500 * 640];
        Arrays.fill(speech, (byte) 0x22);
        byte[] spoken = Arrays.copyOf(speech, 640);
        say(callId, speech).expectStatus().isOk();
        await().atMost(DEADLINE).until(() -> indexOf(socket, spoken) >= 0);

        socket.sendText("{\"type\":\"clear\"}");

        await().atMost(DEADLINE).untilAsserted(() -> {
            JsonNode stream = sandbox.call(callId).path("realtime").path("streams").get(0);
            assertThat(stream.path("clears").asLong()).isEqualTo(1);
            assertThat(stream.path("framesCleared").asLong()).isGreaterThan(400);
        });
        // The tone is back long before the 10 s of speech would have ended.
        await().atMost(DEADLINE).until(() -> {
            List<RealtimeClient.Frame> audio = socket.binaryFrames();
            int lastSpoken = lastIndexOf(audio, spoken);
            return lastSpoken >= 0 && audio.size() > lastSpoken + 1;
        });
        assertThat(socket.binaryFrames().stream().filter(frame -> Arrays.equals(frame.binary(), spoken)).count())
                .isLessThan(400);
    }

    @Test
    void aCallToldToBeSilentBetweenUtterancesSendsSilenceInsteadOfTheToneAndTheToneWhenToldBack() {
        String callId = activeCall();
        socket = RealtimeClient.connect(session(callId, "talk").path("wsUrl").asString());
        await().atMost(DEADLINE).until(() -> !socket.binaryFrames().isEmpty());
        byte[] silence = new byte[640];
        assertThat(socket.binaryFrames()).noneMatch(frame -> Arrays.equals(frame.binary(), silence)); // the tone

        client.put().uri("/sandbox/calls/{id}/realtime/idle", callId).bodyValue(java.util.Map.of("silent", true))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.silent").isEqualTo(true);
        await().atMost(DEADLINE).until(() -> indexOf(socket, silence) >= 0);
        byte[] speech = new byte[640];
        Arrays.fill(speech, (byte) 0x33);
        say(callId, speech).expectStatus().isOk();
        await().atMost(DEADLINE).until(() -> indexOf(socket, speech) > indexOf(socket, silence));
        await().atMost(DEADLINE).until(() -> lastIndexOf(socket.binaryFrames(), silence) > indexOf(socket, speech));

        client.put().uri("/sandbox/calls/{id}/realtime/idle", callId).bodyValue(java.util.Map.of("silent", false))
                .exchange().expectStatus().isOk();
        int silentUntil = lastIndexOf(socket.binaryFrames(), silence);
        await().atMost(DEADLINE).until(() -> socket.binaryFrames().size() > silentUntil + 5
                && !Arrays.equals(socket.binaryFrames().getLast().binary(), silence));

        client.put().uri("/sandbox/calls/{id}/realtime/idle", callId).bodyValue(java.util.Map.of("silent", "yes"))
                .exchange().expectStatus().isBadRequest();
        client.put().uri("/sandbox/calls/{id}/realtime/idle", "0000000000000000000000000000DEAD")
                .bodyValue(java.util.Map.of("silent", true)).exchange().expectStatus().isNotFound();
    }

    @Test
    void sayIsRefusedForOddAudioEndedCallsAndUnknownCalls() {
        String callId = activeCall();
        say(callId, new byte[641]).expectStatus().isBadRequest();
        say(callId, new byte[0]).expectStatus().isBadRequest();
        say(callId, new byte[1024 * 1024 + 2]).expectStatus().isEqualTo(413);
        say(callId, new byte[640]).expectStatus().isOk()
                .expectBody().jsonPath("$.sessions").isEqualTo(0);
        sandbox.userHangsUp(callId);
        say(callId, new byte[640]).expectStatus().isEqualTo(409);
        say("0000000000000000000000000000DEAD", new byte[640]).expectStatus().isNotFound();
    }

    private WebTestClient.ResponseSpec say(String callId, byte[] pcm) {
        return client.post().uri("/sandbox/calls/{id}/realtime/say", callId)
                .header("Content-Type", "application/octet-stream")
                .bodyValue(pcm)
                .exchange();
    }

    private static int indexOf(RealtimeClient socket, byte[] content) {
        List<RealtimeClient.Frame> audio = socket.binaryFrames();
        for (int i = 0; i < audio.size(); i++) {
            if (Arrays.equals(audio.get(i).binary(), content)) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(List<RealtimeClient.Frame> audio, byte[] content) {
        for (int i = audio.size() - 1; i >= 0; i--) {
            if (Arrays.equals(audio.get(i).binary(), content)) {
                return i;
            }
        }
        return -1;
    }

    private static void assertStoppedLast(RealtimeClient socket) {
        List<RealtimeClient.Frame> frames = socket.frames();
        RealtimeClient.Frame last = frames.getLast();
        assertThat(last.isText()).isTrue();
        JsonNode stop = JSON.readTree(last.text());
        assertThat(stop.path("type").asString()).isEqualTo("stop");
        assertThat(stop.path("reason").asString()).isEqualTo("call ended");
    }

    /** An outgoing call the user answers at once and never hangs up by itself. */
    private String activeCall() {
        String user = TestPhones.random();
        sandbox.behaviour(user, "answer", 0, -1);
        String callId = sandbox.goStart(instance, user);
        await().atMost(DEADLINE).until(() -> "active".equals(sandbox.call(callId).path("state").asString()));
        return callId;
    }

    private JsonNode session(String callId, String mode) {
        return sandbox.goPost(instance, "/call/media/realtime/session")
                .bodyValue(Map.of("callId", callId, "mode", mode))
                .exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }
}
