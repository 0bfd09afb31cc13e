package io.ringline.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.infra.InfraProperties;
import io.ringline.media.MediaIntegrationTest.TestClient;
import io.ringline.media.realtime.audio.MuLaw;
import io.ringline.media.support.CallEvents;
import io.ringline.media.support.FakeEvoGo;
import io.ringline.platform.crypto.SecretBox;
import io.ringline.platform.ids.Ids;
import io.ringline.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.socket.CloseStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Realtime protocol 2 (docs/api.md "Realtime protocol") with real WebSocket clients against a fake GO: marks,
 * {@code clear} answered with the marks it dropped, a bounded playout buffer, sequenced media in JSON framing,
 * μ-law conversion, a play's end told on the session, a live playout's bounded delay (and its drops told) beside a
 * buffered one's, and Evolution GO's own dialect on GO's path. The playout buffer is 200 ms here so overflowing it
 * takes one message.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=media-bridge-service",
        "ringline.internal-token=test-internal-token",
        "ringline.media.allow-private-networks=true",
        "ringline.media.realtime.max-buffered-audio=200ms"})
class RealtimeProtocolIntegrationTest {

    static final Duration DEADLINE = Duration.ofSeconds(20);
    static final FakeEvoGo GO = new FakeEvoGo();
    static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        InfraProperties.register(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    SecretBox secrets;
    @Autowired
    MeterRegistry meters;
    @Autowired
    KafkaTemplate<String, SpecificRecord> kafka;

    String numberId;
    String callId;

    @BeforeEach
    void newCall() {
        numberId = Ids.newId("num");
        callId = Ids.newId("call");
        GO.upstreams.clear();
    }

    @AfterAll
    static void stopGo() {
        GO.close();
    }

    @Test
    void aMarkComesBackAfterTheAudioSentBeforeItReachedGo() throws Exception {
        TestClient client = TestClient.connect(wsUrl(Map.of()));
        assertThat(json(client.nextText()).path("protocol").asInt()).isEqualTo(2);
        FakeEvoGo.Upstream upstream = GO.upstreams.poll(10, TimeUnit.SECONDS);

        byte[] speech = pcm(3_200); // 100 ms, sent at once
        client.send(speech);
        client.sendText("{\"type\":\"mark\",\"name\":\"greeting-done\"}");

        assertThat(json(client.nextText())).isEqualTo(json("{\"type\":\"mark\",\"name\":\"greeting-done\"}"));
        // All of it went to GO, in 20 ms frames, in order.
        List<byte[]> frames = audioFrames(upstream, 5);
        assertThat(frames).allSatisfy(frame -> assertThat(frame).hasSize(640));
        assertThat(join(frames)).isEqualTo(speech);
    }

    @Test
    void clearDropsQueuedAudioAndAnswersWithTheMarksItCleared() throws Exception {
        TestClient client = TestClient.connect(wsUrl(Map.of()));
        client.nextText();
        FakeEvoGo.Upstream upstream = GO.upstreams.poll(10, TimeUnit.SECONDS);

        client.send(pcm(6_400)); // 200 ms: what the buffer holds
        client.sendText("{\"type\":\"mark\",\"name\":\"sentence-1\"}");
        client.sendText("{\"type\":\"clear\"}");

        JsonNode cleared = json(client.nextText());
        assertThat(cleared.path("type").asString()).isEqualTo("cleared");
        assertThat(cleared.path("marks")).extracting(JsonNode::asString).containsExactly("sentence-1");
        // GO is told to clear too, and most of the 10 frames never reach it.
        assertThat(await().atMost(DEADLINE).until(() -> upstream.received.stream()
                .filter(String.class::isInstance).map(String.class::cast).toList(), list -> !list.isEmpty()))
                .anySatisfy(text -> assertThat(text).contains("\"clear\""));
        await().during(Duration.ofMillis(400)).atMost(DEADLINE).until(
                () -> upstream.received.stream().filter(byte[].class::isInstance).count() < 10);
        assertThat(client.received).noneMatch(m -> m instanceof String s && s.contains("\"mark\""));
    }

    @Test
    void audioBeyondTheBufferIsRefusedWithBufferFullAndTheSessionGoesOn() throws Exception {
        double refusedBefore = meters.counter("ringline.media.audio.refused", "reason", "buffer_full").count();
        TestClient client = TestClient.connect(wsUrl(Map.of()));
        client.nextText();
        FakeEvoGo.Upstream upstream = GO.upstreams.poll(10, TimeUnit.SECONDS);

        client.send(pcm(6_400));
        client.send(pcm(6_400)); // another 200 ms at once: beyond the 200 ms buffer
        client.send(pcm(6_400)); // still beyond: refused without a second message

        JsonNode error = json(client.nextText());
        assertThat(error.path("type").asString()).isEqualTo("error");
        assertThat(error.path("code").asString()).isEqualTo("BUFFER_FULL");
        assertThat(error.path("bufferedMs").asLong()).isPositive().isLessThanOrEqualTo(200);
        assertThat(meters.counter("ringline.media.audio.refused", "reason", "buffer_full").count())
                .isEqualTo(refusedBefore + 1);

        client.sendText("{\"type\":\"mark\",\"name\":\"still-here\"}");
        assertThat(json(client.nextText()).path("name").asString()).isEqualTo("still-here");
        assertThat(audioFrames(upstream, 10)).hasSize(10); // the first 200 ms played; the refused audio never did
        await().during(Duration.ofMillis(300)).atMost(DEADLINE).until(
                () -> upstream.received.stream().filter(byte[].class::isInstance).count() == 10);
        assertThat(client.closed).isNotDone();
    }

    @Test
    void jsonFramingCarriesSequencedTimestampedMuLawBothWays() throws Exception {
        TestClient client = TestClient.connect(wsUrl(Map.of("format", "mulaw_8k", "framing", "json")));
        JsonNode start = json(client.nextText());
        assertThat(start.path("format").asString()).isEqualTo("mulaw_8k");
        assertThat(start.path("sampleRate").asInt()).isEqualTo(8000);
        assertThat(start.path("framing").asString()).isEqualTo("json");
        FakeEvoGo.Upstream upstream = GO.upstreams.poll(10, TimeUnit.SECONDS);

        // GO → client: 20 ms of PCM16 16 kHz becomes 20 ms of μ-law 8 kHz (160 bytes), numbered and timestamped.
        upstream.sendAudio(new byte[640]);
        upstream.sendAudio(new byte[640]);
        upstream.sendAudio(new byte[640]);
        List<Object> received = await().atMost(DEADLINE).until(() -> List.copyOf(client.received),
                list -> list.size() >= 3);
        assertThat(received).allSatisfy(m -> assertThat(m).isInstanceOf(String.class));
        List<JsonNode> media = received.stream().limit(3).map(m -> json((String) m)).toList();
        client.received.clear();
        assertThat(media).extracting(m -> m.path("type").asString()).containsOnly("media");
        assertThat(media).extracting(m -> m.path("seq").asLong()).containsExactly(1L, 2L, 3L);
        assertThat(media).extracting(m -> m.path("timestampMs").asLong()).containsExactly(0L, 20L, 40L);
        byte[] payload = Base64.getDecoder().decode(media.get(2).path("payload").asString());
        assertThat(payload).hasSize(160);
        assertThat(payload).containsOnly(MuLaw.encode((short) 0)); // silence in, μ-law silence out

        // client → GO: 20 ms of μ-law 8 kHz in a media message reaches GO as 20 ms of PCM16 16 kHz.
        byte[] ulaw = new byte[160];
        java.util.Arrays.fill(ulaw, MuLaw.encode((short) 0));
        client.sendText("{\"type\":\"media\",\"payload\":\"" + Base64.getEncoder().encodeToString(ulaw) + "\"}");
        byte[] toGo = audioFrames(upstream, 1).getFirst();
        assertThat(toGo).hasSize(640);
        assertThat(toGo).containsOnly((byte) 0);
    }

    @Test
    void aPlaysEndIsToldOnTheCallsSessions() throws Exception {
        TestClient client = TestClient.connect(wsUrl(Map.of("mode", "listen")));
        client.nextText();
        assertThat(GO.upstreams.poll(10, TimeUnit.SECONDS)).isNotNull();
        await().atMost(DEADLINE).until(() -> meters.find("ringline.media.sessions").tag("mode", "listen").gauge()
                .value() >= 1);

        kafka.send(Topics.CALL_EVENTS.name(), numberId,
                CallEvents.playFinished(numberId, callId, "play_01JD0000000000000000000009", "stopped")).join();

        assertThat(json(client.nextText())).isEqualTo(json("{\"type\":\"play_finished\","
                + "\"playId\":\"play_01JD0000000000000000000009\",\"outcome\":\"stopped\"}"));
    }

    @Test
    void goLayerSessionsSpeakGosProtocolOnGosOwnPathOnly() throws Exception {
        String goUrl = wsUrl(Map.of("dialect", "evolution_go"));
        assertThat(goUrl).startsWith("ws://localhost:" + port + "/call/media/realtime/ws?callId=GO-" + callId
                + "&token=rts_");
        String token = goUrl.substring(goUrl.indexOf("token=") + "token=".length());

        // GO's token on Ringline's path, and with another call's id, is refused before anything is sent.
        TestClient wrongPath = TestClient.connect("ws://localhost:" + port + "/v1/realtime?token=" + token);
        assertThat(wrongPath.closeStatus()).isEqualTo(CloseStatus.POLICY_VIOLATION.getCode());
        assertThat(wrongPath.received).isEmpty();
        String otherGoUrl = wsUrl(Map.of("dialect", "evolution_go"));
        TestClient wrongCall = TestClient.connect(otherGoUrl.replace("callId=GO-" + callId, "callId=GO-other"));
        assertThat(wrongCall.closeStatus()).isEqualTo(CloseStatus.POLICY_VIOLATION.getCode());

        TestClient client = TestClient.connect(wsUrl(Map.of("dialect", "evolution_go")));
        assertThat(json(client.nextText())).isEqualTo(json("{\"type\":\"start\",\"callId\":\"GO-" + callId
                + "\",\"sampleRate\":16000,\"channels\":1,\"mode\":\"talk\"}"));
        FakeEvoGo.Upstream upstream = GO.upstreams.poll(10, TimeUnit.SECONDS);
        byte[] theirs = pcm(640);
        upstream.sendAudio(theirs);
        assertThat(client.nextBinary()).isEqualTo(theirs); // no media-info: GO clients never saw one
        client.sendText("{\"type\":\"clear\"}");
        assertThat(await().atMost(DEADLINE).until(() -> upstream.received.stream()
                .filter(String.class::isInstance).toList(), list -> !list.isEmpty())).hasSize(1);
        await().during(Duration.ofMillis(300)).atMost(DEADLINE).until(() -> client.received.isEmpty());

        // a format other than GO's own is refused for a GO-layer session
        api().post().uri("/internal/numbers/{n}/calls/{c}/realtime-session", numberId, callId)
                .bodyValue(body(Map.of("dialect", "evolution_go", "format", "mulaw_8k"))).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.details.field").isEqualTo("format");
    }

    @Test
    void aLiveSessionDropsTheOldestAudioThatWouldPlayLaterThanItsBound() throws Exception {
        double droppedBefore = lateAudioDroppedMillis();
        TestClient client = TestClient.connect(wsUrl(Map.of("playout", "live")));
        assertThat(json(client.nextText()).path("playout").asString()).isEqualTo("live");
        FakeEvoGo.Upstream upstream = GO.upstreams.poll(10, TimeUnit.SECONDS);

        byte[] burst = pcm(6_400); // 200 ms at once, as a real-time stream arrives after a 200-ms stall
        client.send(burst);
        client.sendText("{\"type\":\"mark\",\"name\":\"burst-done\"}");

        // 40 ms leave at once (the lead); of the 160 ms left the oldest 100 ms would play more than 100 ms late,
        // and the client is told so before the mark after them comes back
        assertThat(json(client.nextText()))
                .isEqualTo(json("{\"type\":\"dropped\",\"reason\":\"late\",\"ms\":100,\"totalMs\":100}"));
        assertThat(json(client.nextText()).path("name").asString()).isEqualTo("burst-done");
        byte[] expected = new byte[1_280 + 1_920];
        System.arraycopy(burst, 0, expected, 0, 1_280);
        System.arraycopy(burst, 4_480, expected, 1_280, 1_920);
        assertThat(join(audioFrames(upstream, 5))).isEqualTo(expected);
        await().during(Duration.ofMillis(300)).atMost(DEADLINE).until(
                () -> upstream.received.stream().filter(byte[].class::isInstance).count() == 5);
        assertThat(lateAudioDroppedMillis() - droppedBefore).isEqualTo(100.0);
    }

    @Test
    void dropsWithinASecondOfTheLastReportAreToldBeforeTheSessionStops() throws Exception {
        double droppedBefore = lateAudioDroppedMillis();
        TestClient client = TestClient.connect(wsUrl(Map.of("playout", "live")));
        client.nextText(); // start
        FakeEvoGo.Upstream upstream = GO.upstreams.poll(10, TimeUnit.SECONDS);

        client.send(pcm(6_400));
        assertThat(json(client.nextText())).isEqualTo(
                json("{\"type\":\"dropped\",\"reason\":\"late\",\"ms\":100,\"totalMs\":100}"));
        // A second burst straight after (140 ms: with the 60 ms still waiting it fits this test's 200-ms buffer):
        // mostly dropped too, but the client was told less than a second ago.
        client.send(pcm(4_480));
        await().atMost(DEADLINE).until(() -> lateAudioDroppedMillis() - droppedBefore > 100);
        upstream.stop();

        JsonNode owed = json(client.nextText());
        assertThat(owed.path("type").asString()).isEqualTo("dropped");
        assertThat(owed.path("ms").asLong()).isPositive();
        assertThat(owed.path("totalMs").asLong()).isEqualTo(100 + owed.path("ms").asLong())
                .isEqualTo((long) (lateAudioDroppedMillis() - droppedBefore));
        assertThat(json(client.nextText()).path("type").asString()).isEqualTo("stop");
    }

    @Test
    void aBufferedSessionPlaysTheSameBurstWhole() throws Exception {
        double droppedBefore = lateAudioDroppedMillis();
        TestClient client = TestClient.connect(wsUrl(Map.of()));
        assertThat(json(client.nextText()).path("playout").asString()).isEqualTo("buffered");
        FakeEvoGo.Upstream upstream = GO.upstreams.poll(10, TimeUnit.SECONDS);

        byte[] burst = pcm(6_400);
        client.send(burst);
        client.sendText("{\"type\":\"mark\",\"name\":\"burst-done\"}");

        assertThat(join(audioFrames(upstream, 10))).isEqualTo(burst);
        assertThat(json(client.nextText()).path("name").asString()).as("nothing dropped, nothing told")
                .isEqualTo("burst-done");
        assertThat(lateAudioDroppedMillis()).isEqualTo(droppedBefore);
    }

    @Test
    void aLivePlayoutIsForTalkSessionsAndAnUnknownPlayoutIsRefusedNamingTheField() {
        int goAsked = GO.sessionRequests.size();
        for (Map<String, Object> bad : List.of(Map.<String, Object>of("mode", "listen", "playout", "live"),
                Map.<String, Object>of("playout", "fast"))) {
            api().post().uri("/internal/numbers/{n}/calls/{c}/realtime-session", numberId, callId)
                    .bodyValue(body(bad)).exchange()
                    .expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.details.field").isEqualTo("playout");
        }
        assertThat(GO.sessionRequests).hasSize(goAsked); // refused before GO was asked for a stream
    }

    private double lateAudioDroppedMillis() {
        return meters.counter("ringline.media.audio.dropped", "reason", "late").count();
    }

    // ---- helpers

    private static List<byte[]> audioFrames(FakeEvoGo.Upstream upstream, int count) {
        return await().atMost(DEADLINE).until(() -> upstream.received.stream().filter(byte[].class::isInstance)
                .map(byte[].class::cast).toList(), list -> list.size() >= count);
    }

    private static byte[] join(List<byte[]> frames) {
        int length = frames.stream().mapToInt(f -> f.length).sum();
        byte[] joined = new byte[length];
        int at = 0;
        for (byte[] frame : frames) {
            System.arraycopy(frame, 0, joined, at, frame.length);
            at += frame.length;
        }
        return joined;
    }

    /** Distinct, non-silent PCM16 (so a reordered or repeated frame would show). */
    private static byte[] pcm(int bytes) {
        byte[] pcm = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            pcm[i] = (byte) (i * 7 + i / 640);
        }
        return pcm;
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    private String wsUrl(Map<String, Object> options) {
        @SuppressWarnings("unchecked")
        Map<String, Object> answer = api().post()
                .uri("/internal/numbers/{n}/calls/{c}/realtime-session", numberId, callId)
                .bodyValue(body(options)).exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        return (String) answer.get("wsUrl");
    }

    private Map<String, Object> body(Map<String, Object> options) {
        Map<String, Object> body = new LinkedHashMap<>(options);
        body.put("externalCallId", "GO-" + callId);
        Map<String, Object> number = new LinkedHashMap<>();
        number.put("numberId", numberId);
        number.put("tenantId", "ten_media");
        number.put("provider", "EVO_GO");
        number.put("phone", "+5511900000004");
        number.put("baseUrl", GO.baseUrl());
        number.put("accountId", "instance-1");
        number.put("encryptedCredentials", secrets.encrypt("{\"instanceToken\":\"go-instance-token\"}"));
        number.put("version", 1);
        body.put("number", number);
        return body;
    }

    private WebTestClient api() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .defaultHeader("x-internal-token", "test-internal-token").build();
    }
}
