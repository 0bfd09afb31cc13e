package io.ringline.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.infra.EmbeddedInfra;
import io.ringline.infra.InfraProperties;
import io.ringline.media.notices.CallNotices;
import io.ringline.media.support.AudioFiles;
import io.ringline.media.support.CallEvents;
import io.ringline.media.support.FakeEvoGo;
import io.ringline.media.support.FileServer;
import io.ringline.media.support.FileServer.File;
import io.ringline.platform.crypto.SecretBox;
import io.ringline.platform.ids.Ids;
import io.ringline.platform.ids.SignalIds;
import io.ringline.schemas.Topics;
import io.ringline.schemas.avro.ProviderSignal;
import io.ringline.testsupport.kafka.TopicReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * {@code /play} and realtime sessions end to end: the real service (embedded Kafka + PostgreSQL) against a
 * real file server and a real fake Evolution GO (HTTP + WebSocket), with real WebSocket clients.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=media-bridge-service",
        "ringline.internal-token=test-internal-token",
        "ringline.media.allow-private-networks=true",
        "ringline.media.download.max-size=64KB",
        "ringline.media.provider-timeout=3s",
        "ringline.media.provider-limits.concurrency=2",
        "ringline.media.provider-limits.waiting=1",
        "ringline.media.provider-limits.max-wait=300ms"})
class MediaIntegrationTest {

    static final Duration DEADLINE = Duration.ofSeconds(20);
    static final byte[] MP3 = audio("ID3", 4000);
    static final FakeEvoGo GO = new FakeEvoGo();
    static final FileServer FILES = new FileServer(Map.of(
            "/greeting.mp3", File.of("audio/mpeg", MP3),
            "/page.mp3", File.of("text/html", "<html>not audio</html>".getBytes(StandardCharsets.UTF_8)),
            "/moved.mp3", File.redirect("http://127.0.0.1:1/elsewhere.mp3"),
            "/huge.wav", File.of("audio/wav", audio("RIFF\0\0\0\0WAVE", 100 * 1024)),
            // a signed URL without an extension, served unlabelled: recognised by its bytes
            "/signed/a1b2c3d4", File.of("application/octet-stream", AudioFiles.wav(100, 8_000)),
            "/one-second", File.of("audio/wav", AudioFiles.wav(1000, 8_000)),
            "/three-seconds", File.of("audio/wav", AudioFiles.wav(3000, 8_000))));

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        InfraProperties.register(registry);
    }

    /** Token expiry is tested by moving this clock, not by waiting. */
    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }

    static final class MovableClock extends Clock {
        private volatile Instant now = Instant.now();

        void advance(Duration by) {
            now = now.plus(by);
        }

        /** Back to the real time (the next instant() is the wall clock's). */
        void reset() {
            now = Instant.EPOCH;
        }

        @Override
        public Instant instant() {
            return now.isAfter(Instant.now()) ? now : (now = Instant.now());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    SecretBox secrets;

    @Autowired
    MovableClock clock;

    @Autowired
    MeterRegistry meters;

    @Autowired
    KafkaTemplate<String, SpecificRecord> kafka;

    String numberId;
    String callId;

    @Autowired
    @Qualifier("callNoticesContainer")
    KafkaMessageListenerContainer<String, SpecificRecord> notices;

    @Autowired
    CallNotices noticeDemand;

    @BeforeEach
    void newCall() {
        numberId = Ids.newId("num");
        callId = Ids.newId("call");
        GO.played.clear();
        GO.upstreams.clear();
    }

    @AfterEach
    void resetGo() {
        GO.playAnswers(200);
        clock.reset();
    }

    @AfterAll
    static void stopServers() {
        GO.close();
        FILES.close();
    }

    // ---- /play

    @Test
    void playDownloadsTheFileAndSendsGoTheExactBytes() throws Exception {
        double before = meters.counter("ringline.media.play", "outcome", "played").count();
        api().post().uri("/internal/numbers/{n}/calls/{c}/play", numberId, callId)
                .bodyValue(playBody(FILES.url("/greeting.mp3")))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.queued").isEqualTo(true)
                .jsonPath("$.callId").isEqualTo(callId)
                .jsonPath("$.bytes").isEqualTo(MP3.length)
                .jsonPath("$.contentType").isEqualTo("audio/mpeg")
                .jsonPath("$.playId").value(id -> assertThat((String) id).startsWith("play_"))
                .jsonPath("$.started").isEqualTo(true);

        FakeEvoGo.Played played = GO.played.poll(10, TimeUnit.SECONDS);
        assertThat(played).isNotNull();
        assertThat(played.callId()).isEqualTo("GO-" + callId);
        assertThat(played.contentType()).isEqualTo("audio/mpeg");
        assertThat(played.apikey()).isEqualTo("go-instance-token");
        assertThat(played.bytes()).isEqualTo(MP3);
        assertThat(meters.counter("ringline.media.play", "outcome", "played").count()).isEqualTo(before + 1);
    }

    @Test
    void badUrlsAndBadFilesAre400AndNothingReachesGo() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("ftp://127.0.0.1/greeting.mp3", "must be an https URL");
        cases.put(FILES.url("/moved.mp3"), "redirects are not followed");
        cases.put(FILES.url("/huge.wav"), "larger than 65536 bytes");
        cases.put(FILES.url("/page.mp3"), "is not mp3, wav or ogg/opus audio");
        cases.put(FILES.url("/missing.ogg"), "failed with HTTP 404");
        cases.forEach((url, problem) -> api().post().uri("/internal/numbers/{n}/calls/{c}/play", numberId, callId)
                .bodyValue(playBody(url))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.code").isEqualTo("INVALID_REQUEST")
                .jsonPath("$.details.field").isEqualTo("mediaUrl")
                .jsonPath("$.details.problem").value(p -> assertThat((String) p).as(url).contains(problem)));
        assertThat(GO.played).isEmpty();
    }

    @Test
    void aSignedUrlWithoutAnExtensionPlaysItsAudioRecognisedByTheBytes() throws Exception {
        api().post().uri("/internal/numbers/{n}/calls/{c}/play", numberId, callId)
                .bodyValue(playBody(FILES.url("/signed/a1b2c3d4") + "?X-Signature=abc&expires=1"))
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.contentType").isEqualTo("audio/wav");
        FakeEvoGo.Played played = GO.played.poll(10, TimeUnit.SECONDS);
        assertThat(played.bytes()).isEqualTo(AudioFiles.wav(100, 8_000));
        assertThat(played.contentType()).isEqualTo("audio/wav");
    }

    @Test
    void playsQueueInOrderAQueuedOneCanBeUnqueuedAndEveryEndIsReported() throws Exception {
        String first = playId(FILES.url("/one-second"), true);
        String second = playId(FILES.url("/one-second"), false);
        String third = playId(FILES.url("/one-second"), false);
        api().delete().uri("/internal/numbers/{n}/calls/{c}/plays/{p}", numberId, callId, third).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.success").isEqualTo(true).jsonPath("$.playId").isEqualTo(third);

        FakeEvoGo.Played one = GO.played.poll(10, TimeUnit.SECONDS);
        FakeEvoGo.Played two = GO.played.poll(10, TimeUnit.SECONDS);
        assertThat(one).isNotNull();
        assertThat(two).isNotNull();
        List<ProviderSignal> ends = signals(numberId, 3);
        assertThat(ends).extracting(ProviderSignal::getKind).containsOnly("media.play_finished");
        assertThat(ends).extracting(ProviderSignal::getPayloadJson).containsExactly(
                end(third, "stopped"), end(first, "finished"), end(second, "finished"));
        // The second reached GO only once the first had played: its end was recorded before GO got the second.
        assertThat(ends.get(1).getReceivedAt()).isBeforeOrEqualTo(two.at());
        assertThat(GO.played.poll(1, TimeUnit.SECONDS)).as("the unqueued play never reaches GO").isNull();
        assertThat(ends).allSatisfy(signal -> assertThat(signal.getNumber().getNumberId()).isEqualTo(numberId));
        // each end's id is its play's (so a repeat is recognised), in the time order the plays were made
        assertThat(ends).extracting(ProviderSignal::getSignalId).containsExactly(
                SignalIds.of(numberId, "media.play_finished", third, Ids.createdAt("play", third)),
                SignalIds.of(numberId, "media.play_finished", first, Ids.createdAt("play", first)),
                SignalIds.of(numberId, "media.play_finished", second, Ids.createdAt("play", second)));
        assertThat(Stream.of(ends.get(1), ends.get(2), ends.get(0)).map(end -> end.getSignalId().substring(0, 13)))
                .as("first, second, third: times in the order made").isSorted();
    }

    @Test
    void stoppingThePlayingOneStartsTheNextAndAnUnknownPlayIs404() throws Exception {
        String long1 = playId(FILES.url("/three-seconds"), true);
        String next = playId(FILES.url("/one-second"), false);
        assertThat(GO.played.poll(10, TimeUnit.SECONDS)).isNotNull();

        api().delete().uri("/internal/numbers/{n}/calls/{c}/plays/{p}", numberId, callId, long1).exchange()
                .expectStatus().isOk();
        FakeEvoGo.Played second = GO.played.poll(10, TimeUnit.SECONDS);
        List<ProviderSignal> ends = signals(numberId, 2);
        assertThat(ends.getFirst().getPayloadJson()).isEqualTo(end(long1, "stopped"));
        assertThat(ends.getFirst().getReceivedAt()).isBeforeOrEqualTo(second.at()); // next started after the stop
        assertThat(ends.get(1).getPayloadJson()).isEqualTo(end(next, "finished"));

        api().delete().uri("/internal/numbers/{n}/calls/{c}/plays/{p}", numberId, callId, "play_unknown").exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("PLAY_NOT_FOUND");
        api().delete().uri("/internal/numbers/{n}/calls/{c}/plays/{p}", numberId, callId, next).exchange()
                .expectStatus().isNotFound(); // already ended
    }

    @Test
    void theCallEndingStopsItsQueuedPlays() throws Exception {
        String playing = playId(FILES.url("/three-seconds"), true);
        String waiting = playId(FILES.url("/one-second"), false);
        assertThat(GO.played.poll(10, TimeUnit.SECONDS)).isNotNull();

        kafka.send(Topics.CALL_EVENTS.name(), numberId, CallEvents.ended(numberId, callId)).join();
        List<ProviderSignal> ends = signals(numberId, 2);
        assertThat(ends).extracting(ProviderSignal::getPayloadJson)
                .containsExactlyInAnyOrder(end(playing, "stopped"), end(waiting, "stopped"));
        assertThat(GO.played).as("the waiting play never reached GO").isEmpty();

        // The notices consumer's group is this instance's alone and is never resumed: it commits no offsets, held
        // reading here as a session would hold it.
        String group = notices.getGroupId();
        try (CallNotices.Hold reading = noticeDemand.hold(); Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfra.shared().kafkaBootstrap()))) {
            await().atMost(DEADLINE).until(notices::isRunning);
            // Long enough for a commit after a poll (poll-timeout 5 s) and one on assignment to have happened.
            await().during(Duration.ofSeconds(7)).atMost(Duration.ofSeconds(15)).until(() -> admin
                    .listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS)
                    .isEmpty());
        }
    }

    private String playId(String url, boolean startsAtOnce) {
        Map<?, ?> answer = api().post().uri("/internal/numbers/{n}/calls/{c}/play", numberId, callId)
                .bodyValue(playBody(url)).exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(answer.get("started")).isEqualTo(startsAtOnce);
        return (String) answer.get("playId");
    }

    private String end(String playId, String outcome) {
        return "{\"callId\":\"" + callId + "\",\"externalCallId\":\"GO-" + callId + "\",\"playId\":\""
                + playId + "\",\"outcome\":\"" + outcome + "\"}";
    }

    @Test
    void aDisconnectedGoInstanceIs409OtherGoErrors502AndSilence504() {
        GO.playAnswers(409);
        api().post().uri("/internal/numbers/{n}/calls/{c}/play", numberId, callId)
                .bodyValue(playBody(FILES.url("/greeting.mp3"))).exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("WHATSAPP_INSTANCE_NOT_CONNECTED");
        GO.playAnswers(500);
        api().post().uri("/internal/numbers/{n}/calls/{c}/play", numberId, callId)
                .bodyValue(playBody(FILES.url("/greeting.mp3"))).exchange()
                .expectStatus().isEqualTo(502)
                .expectBody().jsonPath("$.code").isEqualTo("PROVIDER_ERROR")
                .jsonPath("$.details.providerStatus").isEqualTo(500);
        GO.playAnswers(0);
        api().post().uri("/internal/numbers/{n}/calls/{c}/play", numberId, callId)
                .bodyValue(playBody(FILES.url("/greeting.mp3"))).exchange()
                .expectStatus().isEqualTo(504)
                .expectBody().jsonPath("$.code").isEqualTo("PROVIDER_TIMEOUT");
    }

    @Test
    void aHangingGoOfOneNumberNeverDelaysAnotherNumbersPlay() throws Exception {
        try (FakeEvoGo hanging = new FakeEvoGo()) {
            hanging.playAnswers(0);
            String hangingNumber = Ids.newId("num");
            Map<String, Object> body = Map.of("mediaUrl", FILES.url("/greeting.mp3"), "externalCallId", "GO-A",
                    "number", number(hangingNumber, hanging.baseUrl()));
            WebClient client = WebClient.builder().baseUrl("http://localhost:" + port)
                    .defaultHeader("x-internal-token", "test-internal-token").build();
            List<CompletableFuture<ResponseEntity<String>>> ofA = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ofA.add(client.post().uri("/internal/numbers/{n}/calls/{c}/play", hangingNumber, Ids.newId("call"))
                        .bodyValue(body).exchangeToMono(r -> r.toEntity(String.class)).toFuture());
            }
            // two reach A's GO and hang there; one waits its turn and is refused after 300 ms; one is refused at once
            await().atMost(DEADLINE).until(() -> hanging.played.size() == 2
                    && ofA.stream().filter(CompletableFuture::isDone).count() == 2);

            api().post().uri("/internal/numbers/{n}/calls/{c}/play", numberId, callId)
                    .bodyValue(playBody(FILES.url("/greeting.mp3")))
                    .exchange()
                    .expectStatus().isOk();

            List<CompletableFuture<ResponseEntity<String>>> stillHanging = ofA.stream().filter(f -> !f.isDone()).toList();
            assertThat(stillHanging).as("B was served while A's two requests still hung at A's GO").hasSize(2);
            for (CompletableFuture<ResponseEntity<String>> refused : ofA.stream().filter(CompletableFuture::isDone).toList()) {
                ResponseEntity<String> answer = refused.join();
                assertThat(answer.getStatusCode().value()).isEqualTo(503);
                assertThat(answer.getBody()).contains("\"code\":\"PROVIDER_BUSY\"").contains("\"retryAfterSeconds\":3");
                assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("3");
            }
            for (CompletableFuture<ResponseEntity<String>> timedOut : stillHanging) {
                ResponseEntity<String> answer = timedOut.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
                assertThat(answer.getStatusCode().value()).isEqualTo(504);
                assertThat(answer.getBody()).contains("\"code\":\"PROVIDER_TIMEOUT\"");
            }
            assertThat(hanging.played).as("only the number's limit ever reached A's GO").hasSize(2);
        }
    }

    @Test
    void anUploadedFileIsPlayedAsIsAndNonAudioIsRefused() throws Exception {
        byte[] ogg = AudioFiles.oggOpus(500);
        String number = java.util.Base64.getUrlEncoder().encodeToString(
                new tools.jackson.databind.json.JsonMapper().writeValueAsBytes(number()));
        api().post().uri("/internal/numbers/{n}/calls/{c}/play-upload?externalCallId={e}", numberId, callId,
                        "GO-" + callId)
                .header("x-ringline-number", number).header("content-type", "audio/ogg")
                .bodyValue(ogg).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.bytes").isEqualTo(ogg.length).jsonPath("$.contentType").isEqualTo("audio/ogg");
        FakeEvoGo.Played played = GO.played.poll(10, TimeUnit.SECONDS);
        assertThat(played.bytes()).isEqualTo(ogg);
        assertThat(played.callId()).isEqualTo("GO-" + callId);
        assertThat(played.contentType()).isEqualTo("audio/ogg");

        api().post().uri("/internal/numbers/{n}/calls/{c}/play-upload?externalCallId={e}", numberId, callId,
                        "GO-" + callId)
                .header("x-ringline-number", number).header("content-type", "audio/mpeg")
                .bodyValue("<html>no</html>".getBytes(StandardCharsets.UTF_8)).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.details.field").isEqualTo("body")
                .jsonPath("$.details.problem").value(p -> assertThat((String) p).contains("uploaded audio"));
        api().post().uri("/internal/numbers/{n}/calls/{c}/play-upload?externalCallId={e}", numberId, callId,
                        "GO-" + callId)
                .header("x-ringline-number", number).header("content-type", "audio/wav")
                .bodyValue(audio("RIFF\0\0\0\0WAVE", 65 * 1024)).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.details.problem").value(p -> assertThat((String) p).contains("larger"));
        assertThat(GO.played).isEmpty();
    }

    @Test
    void internalApiBodiesAreCappedWhileReadingAndABodyThatNeverEndsIsAnswered() throws Exception {
        String number = java.util.Base64.getUrlEncoder().encodeToString(
                new tools.jackson.databind.json.JsonMapper().writeValueAsBytes(number()));

        // A JSON @RequestBody: spring.http.codecs.max-in-memory-size (256 KiB).
        assertThat(endlessBody("/internal/numbers/" + numberId + "/calls/" + callId + "/realtime-session",
                "Content-Type: application/json\r\n")).startsWith("HTTP/1.1 400");
        // The raw upload: ringline.media.download.max-size (64 KiB here).
        assertThat(endlessBody("/internal/numbers/" + numberId + "/calls/" + callId + "/play-upload?externalCallId=GO-"
                + callId, "Content-Type: audio/wav\r\nx-ringline-number: " + number + "\r\n"))
                .startsWith("HTTP/1.1 400").contains("larger");
        assertThat(GO.played).isEmpty();
        assertThat(GO.sessionRequests).noneMatch(request -> request.contains(callId));
    }

    /** POSTs a chunked body that never ends (a writer thread keeps sending) and returns the answer's head and body. */
    private String endlessBody(String pathAndQuery, String headers) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(20_000); // the answer's deadline
            var out = socket.getOutputStream();
            out.write(("POST " + pathAndQuery + " HTTP/1.1\r\nHost: localhost\r\nx-internal-token: test-internal-token\r\n"
                    + headers + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            Thread writer = Thread.ofPlatform().daemon().start(() -> {
                byte[] chunk = ("2000\r\n" + "a".repeat(0x2000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        out.write(chunk);
                    }
                } catch (java.io.IOException closed) {
                    // the server stopped reading
                }
            });
            try {
                var in = socket.getInputStream();
                StringBuilder answer = new StringBuilder();
                while (!answer.toString().contains("\r\n\r\n")) {
                    int b = in.read();
                    if (b == -1) {
                        break;
                    }
                    answer.append((char) b);
                }
                java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)")
                        .matcher(answer);
                if (length.find()) {
                    answer.append(new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8));
                }
                return answer.toString();
            } finally {
                writer.interrupt();
            }
        }
    }

    @Test
    void internalRoutesNeedTheInternalToken() {
        WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build()
                .post().uri("/internal/numbers/{n}/calls/{c}/play", numberId, callId)
                .bodyValue(playBody(FILES.url("/greeting.mp3"))).exchange()
                .expectStatus().isUnauthorized();
        assertThat(GO.played).isEmpty();
    }

    // ---- realtime sessions

    @Test
    void aSessionRelaysAudioBothWaysByteForByteAndForwardsClear() throws Exception {
        Map<String, Object> session = openSession("talk");
        assertThat((String) session.get("wsUrl")).startsWith("ws://localhost:" + port + "/v1/realtime?token=rts_")
                .endsWith((String) session.get("token"));
        assertThat(session.get("expiresInSeconds")).isEqualTo(120);
        assertThat(GO.sessionRequests.getLast()).contains("\"callId\":\"GO-" + callId + "\"")
                .contains("\"mode\":\"talk\"").contains("apikey=go-instance-token");

        TestClient client = TestClient.connect((String) session.get("wsUrl"));
        assertThat(client.nextText()).isEqualTo("{\"type\":\"start\",\"protocol\":2,\"callId\":\"" + callId
                + "\",\"format\":\"pcm16_16k\",\"sampleRate\":16000,\"channels\":1,\"mode\":\"talk\","
                + "\"framing\":\"binary\",\"playout\":\"buffered\"}");
        FakeEvoGo.Upstream upstream = GO.upstreams.poll(10, TimeUnit.SECONDS);
        assertThat(upstream).isNotNull();

        byte[] ours = audio("", 640);
        client.send(ours);
        assertThat((byte[]) upstream.received.poll(10, TimeUnit.SECONDS)).isEqualTo(ours);
        byte[] theirs = audio("", 642);
        upstream.sendAudio(theirs);
        assertThat(client.nextText()).isEqualTo("{\"type\":\"media-info\",\"seq\":1,\"timestampMs\":0}");
        assertThat(client.nextBinary()).isEqualTo(theirs);

        client.sendText("{\"type\":\"clear\"}");
        assertThat((String) upstream.received.poll(10, TimeUnit.SECONDS)).contains("\"clear\"");
        assertThat(client.nextText()).isEqualTo("{\"type\":\"cleared\",\"marks\":[]}");

        upstream.stop();
        assertThat(client.nextText()).contains("\"type\":\"stop\"").contains("call ended");
        assertThat(client.closeStatus()).isEqualTo(CloseStatus.NORMAL.getCode());
        assertThat(meters.counter("ringline.media.frames", "direction", "to_client").count()).isPositive();
        assertThat(meters.counter("ringline.media.frames", "direction", "to_provider").count()).isPositive();
    }

    @Test
    void aTokenWorksOnceAndAForgedOneNever() throws Exception {
        String wsUrl = (String) openSession(null).get("wsUrl");
        TestClient first = TestClient.connect(wsUrl);
        assertThat(first.nextText()).contains("\"mode\":\"talk\"");
        first.closeNow();

        TestClient second = TestClient.connect(wsUrl);
        assertThat(second.closeStatus()).isEqualTo(CloseStatus.POLICY_VIOLATION.getCode());
        assertThat(second.received).isEmpty();

        TestClient forged = TestClient.connect("ws://localhost:" + port + "/v1/realtime?token=rts_forged");
        assertThat(forged.closeStatus()).isEqualTo(CloseStatus.POLICY_VIOLATION.getCode());
        assertThat(forged.received).isEmpty();
        assertThat(GO.upstreams).hasSizeLessThanOrEqualTo(1); // only the first connection went upstream
    }

    @Test
    void anExpiredTokenIsRefusedBeforeAnyAudio() throws Exception {
        String wsUrl = (String) openSession("talk").get("wsUrl");
        clock.advance(Duration.ofSeconds(121));
        TestClient late = TestClient.connect(wsUrl);
        assertThat(late.closeStatus()).isEqualTo(CloseStatus.POLICY_VIOLATION.getCode());
        assertThat(late.received).isEmpty();
        assertThat(GO.upstreams).isEmpty();
    }

    @Test
    void aListenSessionRefusesAudioAndForwardsNone() throws Exception {
        TestClient client = TestClient.connect((String) openSession("listen").get("wsUrl"));
        assertThat(client.nextText()).contains("\"mode\":\"listen\"");
        FakeEvoGo.Upstream upstream = GO.upstreams.poll(10, TimeUnit.SECONDS);
        byte[] theirs = audio("", 640);
        upstream.sendAudio(theirs);
        assertThat(client.nextText()).contains("media-info");
        assertThat(client.nextBinary()).isEqualTo(theirs); // listening works

        client.send(audio("", 640));
        assertThat(client.nextText()).contains("\"type\":\"stop\"").contains("listen");
        assertThat(client.closeStatus()).isEqualTo(CloseStatus.POLICY_VIOLATION.getCode());
        assertThat(upstream.received).noneMatch(frame -> frame instanceof byte[]);
    }

    @Test
    void anOddLengthFrameEndsTheSessionWith1007() throws Exception {
        TestClient client = TestClient.connect((String) openSession("talk").get("wsUrl"));
        assertThat(client.nextText()).contains("start");
        FakeEvoGo.Upstream upstream = GO.upstreams.poll(10, TimeUnit.SECONDS);
        client.send(audio("", 641));
        assertThat(client.nextText()).contains("\"type\":\"stop\"").contains("even length");
        assertThat(client.closeStatus()).isEqualTo(CloseStatus.BAD_DATA.getCode());
        assertThat(upstream.received).noneMatch(frame -> frame instanceof byte[]);
    }

    @Test
    void theCallEndingClosesItsSessionsWithStopAnd1000() throws Exception {
        TestClient client = TestClient.connect((String) openSession("talk").get("wsUrl"));
        assertThat(client.nextText()).contains("start");
        assertThat(GO.upstreams.poll(10, TimeUnit.SECONDS)).isNotNull();
        await().atMost(DEADLINE).until(() -> meters.find("ringline.media.sessions").tag("mode", "talk").gauge()
                .value() >= 1);

        kafka.send(Topics.CALL_EVENTS.name(), numberId, CallEvents.ended(numberId, callId)).join();
        assertThat(client.nextText()).contains("\"type\":\"stop\"").contains("call ended");
        assertThat(client.closeStatus()).isEqualTo(CloseStatus.NORMAL.getCode());
    }

    @Test
    void anUnknownModeIs400() {
        api().post().uri("/internal/numbers/{n}/calls/{c}/realtime-session", numberId, callId)
                .bodyValue(Map.of("mode", "shout", "externalCallId", "GO-" + callId, "number", number()))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.details.field").isEqualTo("mode");
    }

    // ---- helpers

    private Map<String, Object> openSession(String mode) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (mode != null) {
            body.put("mode", mode);
        }
        body.put("externalCallId", "GO-" + callId);
        body.put("number", number());
        @SuppressWarnings("unchecked")
        Map<String, Object> answer = api().post().uri("/internal/numbers/{n}/calls/{c}/realtime-session", numberId, callId)
                .bodyValue(body).exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        return answer;
    }

    private Map<String, Object> playBody(String url) {
        return Map.of("mediaUrl", url, "externalCallId", "GO-" + callId, "number", number());
    }

    private Map<String, Object> number() {
        return number(numberId, GO.baseUrl());
    }

    private Map<String, Object> number(String numberId, String baseUrl) {
        Map<String, Object> number = new LinkedHashMap<>();
        number.put("numberId", numberId);
        number.put("tenantId", "ten_media");
        number.put("provider", "EVO_GO");
        number.put("phone", "+5511900000002");
        number.put("baseUrl", baseUrl);
        number.put("accountId", "instance-1");
        number.put("encryptedCredentials", secrets.encrypt("{\"instanceToken\":\"go-instance-token\"}"));
        number.put("version", 1);
        return number;
    }

    private WebTestClient api() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .defaultHeader("x-internal-token", "test-internal-token").build();
    }

    private static byte[] audio(String magic, int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        byte[] head = magic.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(head, 0, bytes, 0, head.length);
        return bytes;
    }

    /** A real WebSocket client recording what it receives (text as String, binary as byte[]) and how it closed. */
    static final class TestClient {
        final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final Sinks.Many<Object> out = Sinks.many().unicast().onBackpressureBuffer();
        private volatile WebSocketSession session;

        static TestClient connect(String url) {
            TestClient client = new TestClient();
            new ReactorNettyWebSocketClient().execute(URI.create(url), session -> {
                client.session = session;
                session.closeStatus().subscribe(status -> client.closed.complete(status.getCode()));
                Mono<Void> in = session.receive().doOnNext(message -> {
                    byte[] bytes = new byte[message.getPayload().readableByteCount()];
                    message.getPayload().read(bytes);
                    client.received.add(message.getType() == WebSocketMessage.Type.TEXT
                            ? new String(bytes, StandardCharsets.UTF_8) : bytes);
                }).then().doFinally(signal -> client.out.emitComplete(waitYourTurn()));
                Mono<Void> send = session.send(client.out.asFlux().map(o -> o instanceof byte[] b
                        ? session.binaryMessage(f -> f.wrap(b)) : session.textMessage((String) o)));
                return Mono.when(in, send);
            }).subscribe(null, error -> client.closed.complete(-1), () -> client.closed.complete(-2));
            return client;
        }

        void send(byte[] pcm) {
            out.emitNext(Arrays.copyOf(pcm, pcm.length), waitYourTurn());
        }

        void sendText(String text) {
            out.emitNext(text, waitYourTurn());
        }

        /**
         * {@code out} is written by the test's thread (messages) and the event loop (completion, as the session
         * ends); a {@code Sinks.many()} sink refuses an overlapping emission with {@code FAIL_NON_SERIALIZED}, so
         * that failure is retried instead of silently losing the message. New each time: {@code busyLooping} fixes
         * its deadline when it is created.
         */
        private static Sinks.EmitFailureHandler waitYourTurn() {
            return Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(5));
        }

        void closeNow() {
            session.close().block(Duration.ofSeconds(10));
        }

        String nextText() throws InterruptedException {
            Object next = received.poll(10, TimeUnit.SECONDS);
            assertThat(next).as("a text frame").isInstanceOf(String.class);
            return (String) next;
        }

        byte[] nextBinary() throws InterruptedException {
            Object next = received.poll(10, TimeUnit.SECONDS);
            assertThat(next).as("a binary frame").isInstanceOf(byte[].class);
            return (byte[]) next;
        }

        int closeStatus() throws Exception {
            return closed.get(10, TimeUnit.SECONDS);
        }
    }

    /**
     * What the media bridge published on {@code provider.signals} (its outbox relays there) for one number, once
     * there are at least {@code count}, in topic order (one partition per number).
     */
    private static List<ProviderSignal> signals(String numberId, int count) {
        return new TopicReader(EmbeddedInfra.shared().kafkaBootstrap())
                .awaitValues(Topics.PROVIDER_SIGNALS, numberId, count, DEADLINE);
    }
}
