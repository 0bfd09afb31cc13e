package io.ringline.gateway.calls;

import static io.ringline.gateway.support.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.gateway.support.FakeInternalServices;
import io.ringline.gateway.support.Fixtures.NumberFixture;
import io.ringline.gateway.support.GatewayIntegrationTest;
import io.ringline.gateway.support.TestInfra;
import io.ringline.platform.ids.Ids;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /v1/calls/{callId}/play} and {@code /realtime-session}: EVO_GO numbers are proxied to
 * media-bridge-service (a real fake HTTP server here) for connected calls only; META numbers are refused.
 */
class EvoGoMediaApiIntegrationTest extends GatewayIntegrationTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String PLAY_ID = "play_01JD0000000000000000000000";
    static final List<Map<String, Object>> SEEN = new CopyOnWriteArrayList<>();
    /** The fake media bridge's next answer (status, body). */
    static final AtomicReference<Map.Entry<Integer, String>> NEXT = new AtomicReference<>();
    static final DisposableServer MEDIA = HttpServer.create().host("localhost").port(0)
            .handle((req, res) -> req.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]).flatMap(bytes -> {
                SEEN.add(Map.of("method", req.method().name(), "path", req.uri(), "token", String.valueOf(req.requestHeaders()
                        .get("x-internal-token")), "body", new String(bytes, StandardCharsets.UTF_8), "bytes", bytes,
                        "number", String.valueOf(req.requestHeaders().get("x-ringline-number")),
                        "contentType", String.valueOf(req.requestHeaders().get("content-type"))));
                Map.Entry<Integer, String> answer = NEXT.get() != null ? NEXT.get()
                        : req.fullPath().contains("/plays/") ? Map.entry(200, "{\"success\":true,\"playId\":\""
                                + req.fullPath().substring(req.fullPath().lastIndexOf('/') + 1) + "\"}")
                        : req.fullPath().contains("/play") ? Map.entry(200, "{\"queued\":true,\"playId\":\""
                                + PLAY_ID + "\",\"started\":true,\"position\":0}")
                        : Map.entry(200, "{\"wsUrl\":\"ws://media.example/v1/realtime?token=rts_x\","
                                + "\"token\":\"rts_x\",\"expiresInSeconds\":120}");
                return res.status(answer.getKey()).header("content-type", "application/json")
                        .sendString(Mono.just(answer.getValue())).then();
            }))
            .bindNow();

    @DynamicPropertySource
    static void media(DynamicPropertyRegistry registry) {
        registry.add("ringline.media.url", () -> "http://localhost:" + MEDIA.port());
    }

    @AfterAll
    static void stopMedia() {
        MEDIA.disposeNow();
    }

    NumberFixture number;
    String callId;
    String goCallId;

    @BeforeEach
    void connectedCall() {
        SEEN.clear();
        NEXT.set(null);
        number = fixtures.evoGoNumber(fixtures.tenant());
        callId = Ids.newId("call");
        goCallId = "3EB0" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
        TestInfra.http().addCall(number.id(), callId, goCallId, "ACCEPTED", Instant.now());
    }

    @Test
    void playIsProxiedWithTheCallAndTheNumbersContext() {
        for (String ref : List.of(callId, goCallId)) {
            JsonNode ok = json(http.post().uri("/v1/calls/{id}/play", ref).header("x-api-key", number.key())
                    .bodyValue(Map.of("url", "https://cdn.example.com/hello.ogg")).exchange(), HttpStatus.OK);
            assertThat(ok.get("success").asBoolean()).isTrue();
            assertThat(ok.get("id").stringValue()).isEqualTo(callId);
            assertThat(ok.get("status").stringValue()).isEqualTo("ACCEPTED");
            assertThat(ok.get("playId").stringValue()).isEqualTo(PLAY_ID); // the media bridge's id, for DELETE
        }
        assertThat(SEEN).hasSize(2);
        Map<String, Object> seen = SEEN.getFirst();
        assertThat(seen.get("path")).isEqualTo("/internal/numbers/" + number.id() + "/calls/" + callId + "/play");
        assertThat(seen.get("token")).isEqualTo(FakeInternalServices.INTERNAL_TOKEN);
        JsonNode body = JSON.readTree((String) seen.get("body"));
        assertThat(body.get("mediaUrl").stringValue()).isEqualTo("https://cdn.example.com/hello.ogg");
        assertThat(body.get("externalCallId").stringValue()).isEqualTo(goCallId);
        assertThat(body.at("/number/numberId").stringValue()).isEqualTo(number.id());
        assertThat(body.at("/number/provider").stringValue()).isEqualTo("EVO_GO");
        assertThat(body.at("/number/baseUrl").stringValue()).isEqualTo(number.baseUrl());
        assertThat(body.at("/number/encryptedCredentials").stringValue()).isNotBlank()
                .doesNotContain(number.instanceToken());
    }

    @Test
    void stoppingAPlayIsProxiedAndTheBridgesNotFoundReachesTheCaller() {
        for (String ref : List.of(callId, goCallId)) {
            JsonNode ok = json(http.delete().uri("/v1/calls/{id}/play/{playId}", ref, PLAY_ID)
                    .header("x-api-key", number.key()).exchange(), HttpStatus.OK);
            assertThat(ok.get("success").asBoolean()).isTrue();
            assertThat(ok.get("playId").stringValue()).isEqualTo(PLAY_ID);
        }
        assertThat(SEEN).hasSize(2);
        assertThat(SEEN.getFirst().get("method")).isEqualTo("DELETE");
        assertThat(SEEN.getFirst().get("path"))
                .isEqualTo("/internal/numbers/" + number.id() + "/calls/" + callId + "/plays/" + PLAY_ID);
        assertThat(SEEN.getFirst().get("token")).isEqualTo(FakeInternalServices.INTERNAL_TOKEN);

        NEXT.set(Map.entry(404, "{\"error\":\"No such play is playing or queued on this call\","
                + "\"code\":\"PLAY_NOT_FOUND\"}"));
        JsonNode gone = json(http.delete().uri("/v1/calls/{id}/play/{playId}", callId, PLAY_ID)
                .header("x-api-key", number.key()).exchange(), HttpStatus.NOT_FOUND);
        assertThat(gone.get("code").stringValue()).isEqualTo("PLAY_NOT_FOUND");
    }

    @Test
    void aPlayIdThatCannotNameAPlayIs404AndReachesNothing() {
        for (String bad : List.of("play_x", "call_01JD0000000000000000000000", "01JD0000000000000000000000")) {
            JsonNode error = json(http.delete().uri("/v1/calls/{id}/play/{playId}", callId, bad)
                    .header("x-api-key", number.key()).exchange(), HttpStatus.NOT_FOUND);
            assertThat(error.get("code").stringValue()).as(bad).isEqualTo("PLAY_NOT_FOUND");
        }
        // and, like playing, stopping needs a connected call of the key's number
        json(http.delete().uri("/v1/calls/{id}/play/{playId}", Ids.newId("call"), PLAY_ID)
                .header("x-api-key", number.key()).exchange(), HttpStatus.NOT_FOUND);
        assertThat(SEEN).isEmpty();
    }

    @Test
    void aSessionsFormatFramingAndPlayoutAreForwardedAndUnknownOnesAre400() {
        json(http.post().uri("/v1/calls/{id}/realtime-session", callId).header("x-api-key", number.key())
                .bodyValue(Map.of("format", "mulaw_8k", "framing", "json")).exchange(), HttpStatus.OK);
        JsonNode sent = JSON.readTree((String) SEEN.getFirst().get("body"));
        assertThat(sent.get("format").stringValue()).isEqualTo("mulaw_8k");
        assertThat(sent.get("framing").stringValue()).isEqualTo("json");
        assertThat(sent.get("mode").stringValue()).isEqualTo("talk");
        assertThat(sent.get("playout").stringValue()).isEqualTo("buffered");
        assertThat(sent.has("dialect")).as("Ringline's own protocol: no dialect").isFalse();
        json(http.post().uri("/v1/calls/{id}/realtime-session", callId).header("x-api-key", number.key())
                .bodyValue(Map.of("playout", "live")).exchange(), HttpStatus.OK);
        assertThat(JSON.readTree((String) SEEN.get(1).get("body")).get("playout").stringValue()).isEqualTo("live");

        for (Map<String, Object> bad : List.of(Map.<String, Object>of("format", "pcm16_44k"),
                Map.<String, Object>of("framing", "text"), Map.<String, Object>of("format", "opus"),
                Map.<String, Object>of("playout", "fast"))) {
            JsonNode error = json(http.post().uri("/v1/calls/{id}/realtime-session", callId)
                    .header("x-api-key", number.key()).bodyValue(bad).exchange(), HttpStatus.BAD_REQUEST);
            assertThat(error.at("/details/field").stringValue()).isEqualTo(bad.keySet().iterator().next());
        }
        assertThat(SEEN).hasSize(2);
    }

    @Test
    void theMediaBridgesRefusalReachesTheCallerAsIs() {
        NEXT.set(Map.entry(400, "{\"error\":\"mediaUrl: must be an https URL\",\"code\":\"INVALID_REQUEST\","
                + "\"details\":{\"field\":\"mediaUrl\",\"problem\":\"must be an https URL\"}}"));
        JsonNode error = json(http.post().uri("/v1/calls/{id}/play", callId).header("x-api-key", number.key())
                .bodyValue(Map.of("mediaUrl", "http://cdn.example.com/hello.mp3")).exchange(), HttpStatus.BAD_REQUEST);
        assertThat(error.get("code").stringValue()).isEqualTo("INVALID_REQUEST");
        assertThat(error.at("/details/field").stringValue()).isEqualTo("mediaUrl");
        assertThat(error.at("/details/problem").stringValue()).isEqualTo("must be an https URL");

        NEXT.set(Map.entry(409, "{\"error\":\"not connected\",\"code\":\"WHATSAPP_INSTANCE_NOT_CONNECTED\"}"));
        json(http.post().uri("/v1/calls/{id}/play", callId).header("x-api-key", number.key())
                .bodyValue(Map.of("mediaUrl", "https://cdn.example.com/hello.mp3")).exchange(), HttpStatus.CONFLICT);
    }

    @Test
    void aBusyNumbersPlayIsAnswered503WithRetryAfter() {
        NEXT.set(Map.entry(503, "{\"error\":\"Too many requests to Evolution GO are in progress for this number; "
                + "retry later\",\"code\":\"PROVIDER_BUSY\",\"details\":{\"retryAfterSeconds\":10}}"));
        var answer = http.post().uri("/v1/calls/{id}/play", callId).header("x-api-key", number.key())
                .bodyValue(Map.of("mediaUrl", "https://cdn.example.com/hello.mp3")).exchange();
        answer.expectHeader().valueEquals("Retry-After", "10");
        JsonNode error = json(answer, HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(error.get("code").stringValue()).isEqualTo("PROVIDER_BUSY");
    }

    @Test
    void badPlayBodiesAre400NamingMediaUrlAndReachNothing() {
        List<Object> bodies = List.of(Map.of(), Map.of("mediaUrl", 42), Map.of("mediaUrl", "  "),
                Map.of("mediaUrl", "https://a/x.mp3", "url", "https://a/y.mp3"), Map.of("media", "https://a/x.mp3"));
        for (Object body : bodies) {
            JsonNode error = json(http.post().uri("/v1/calls/{id}/play", callId).header("x-api-key", number.key())
                    .bodyValue(body).exchange(), HttpStatus.BAD_REQUEST);
            assertThat(error.get("code").stringValue()).isEqualTo("INVALID_REQUEST");
            assertThat(error.at("/details/field").stringValue()).as(body.toString()).startsWith("media");
        }
        assertThat(SEEN).isEmpty();
    }

    @Test
    void audioNeedsAConnectedCall() {
        String ringing = Ids.newId("call");
        TestInfra.http().addCall(number.id(), ringing, "3EB0RINGING" + UUID.randomUUID().toString().substring(0, 6),
                "RINGING", Instant.now());
        JsonNode play = json(http.post().uri("/v1/calls/{id}/play", ringing).header("x-api-key", number.key())
                .bodyValue(Map.of("mediaUrl", "https://cdn.example.com/hello.mp3")).exchange(), HttpStatus.CONFLICT);
        assertThat(play.get("code").stringValue()).isEqualTo("INVALID_CALL_STATE");
        JsonNode session = json(http.post().uri("/v1/calls/{id}/realtime-session", ringing)
                .header("x-api-key", number.key()).exchange(), HttpStatus.CONFLICT);
        assertThat(session.get("code").stringValue()).isEqualTo("INVALID_CALL_STATE");
        json(http.post().uri("/v1/calls/{id}/play", Ids.newId("call")).header("x-api-key", number.key())
                .bodyValue(Map.of("mediaUrl", "https://cdn.example.com/hello.mp3")).exchange(), HttpStatus.NOT_FOUND);
        assertThat(SEEN).isEmpty();
    }

    @Test
    void realtimeSessionsAreProxiedTalkByDefault() {
        JsonNode session = json(http.post().uri("/v1/calls/{id}/realtime-session", callId)
                .header("x-api-key", number.key()).exchange(), HttpStatus.OK);
        assertThat(session.get("wsUrl").stringValue()).isEqualTo("ws://media.example/v1/realtime?token=rts_x");
        assertThat(session.get("token").stringValue()).isEqualTo("rts_x");
        assertThat(session.get("expiresInSeconds").asInt()).isEqualTo(120);
        json(http.post().uri("/v1/calls/{id}/realtime-session", goCallId).header("x-api-key", number.key())
                .bodyValue(Map.of("mode", "listen")).exchange(), HttpStatus.OK);

        assertThat(SEEN).hasSize(2);
        assertThat(SEEN.getFirst().get("path"))
                .isEqualTo("/internal/numbers/" + number.id() + "/calls/" + callId + "/realtime-session");
        JsonNode talk = JSON.readTree((String) SEEN.get(0).get("body"));
        assertThat(talk.get("mode").stringValue()).isEqualTo("talk");
        assertThat(talk.get("externalCallId").stringValue()).isEqualTo(goCallId);
        assertThat(talk.at("/number/numberId").stringValue()).isEqualTo(number.id());
        assertThat(JSON.readTree((String) SEEN.get(1).get("body")).get("mode").stringValue()).isEqualTo("listen");
    }

    @Test
    void anUnknownModeIs400AndReachesNothing() {
        for (Object mode : List.of("shout", "TALK", 1)) {
            JsonNode error = json(http.post().uri("/v1/calls/{id}/realtime-session", callId)
                    .header("x-api-key", number.key()).bodyValue(Map.of("mode", mode)).exchange(),
                    HttpStatus.BAD_REQUEST);
            assertThat(error.at("/details/field").stringValue()).isEqualTo("mode");
        }
        assertThat(SEEN).isEmpty();
    }

    @Test
    void theGoLayersRealtimeSessionAnswersInGosShape() {
        JsonNode session = json(http.post().uri("/api/layer/evolution-go/call/media/realtime/session")
                .header("apikey", number.instanceToken())
                .bodyValue(Map.of("callId", goCallId, "mode", "listen")).exchange(), HttpStatus.OK);
        assertThat(session.get("wsUrl").stringValue()).isEqualTo("ws://media.example/v1/realtime?token=rts_x");
        assertThat(session.get("expiresInSeconds").asInt()).isEqualTo(120);
        assertThat(SEEN).hasSize(1);
        assertThat(SEEN.getFirst().get("path"))
                .isEqualTo("/internal/numbers/" + number.id() + "/calls/" + callId + "/realtime-session");
        JsonNode asked = JSON.readTree((String) SEEN.getFirst().get("body"));
        assertThat(asked.get("mode").stringValue()).isEqualTo("listen");
        // GO clients get GO's own protocol on GO's own path (the media bridge builds that wsUrl).
        assertThat(asked.get("dialect").stringValue()).isEqualTo("evolution_go");
        assertThat(asked.get("format").stringValue()).isEqualTo("pcm16_16k");

        JsonNode badMode = json(http.post().uri("/api/layer/evolution-go/call/media/realtime/session")
                .header("apikey", number.instanceToken())
                .bodyValue(Map.of("callId", goCallId, "mode", "shout")).exchange(), HttpStatus.BAD_REQUEST);
        assertThat(badMode.get("error").stringValue()).contains("mode");
        assertThat(badMode.has("code")).isFalse();
        assertThat(SEEN).hasSize(1);
    }

    @Test
    void theGoLayersPlayUploadsTheBytesAsTheyAre() {
        byte[] audio = new byte[200_000]; // larger than a JSON body may be
        new java.util.Random(7).nextBytes(audio);
        JsonNode queued = json(http.post().uri("/api/layer/evolution-go/call/media/play?callId={id}", goCallId)
                .header("apikey", number.instanceToken()).header("content-type", "audio/ogg")
                .bodyValue(audio).exchange(), HttpStatus.OK);
        assertThat(queued.get("message").stringValue()).isEqualTo("queued");

        assertThat(SEEN).hasSize(1);
        Map<String, Object> seen = SEEN.getFirst();
        assertThat(seen.get("path")).isEqualTo("/internal/numbers/" + number.id() + "/calls/" + callId
                + "/play-upload?externalCallId=" + goCallId);
        assertThat((byte[]) seen.get("bytes")).isEqualTo(audio);
        assertThat(seen.get("contentType")).isEqualTo("audio/ogg");
        JsonNode context = JSON.readTree(Base64.getUrlDecoder().decode((String) seen.get("number")));
        assertThat(context.get("numberId").stringValue()).isEqualTo(number.id());
        assertThat(context.get("encryptedCredentials").stringValue()).isNotBlank();

        NEXT.set(Map.entry(400, "{\"error\":\"body: not audio\",\"code\":\"INVALID_REQUEST\","
                + "\"details\":{\"field\":\"body\",\"problem\":\"not audio\"}}"));
        JsonNode refused = json(http.post().uri("/api/layer/evolution-go/call/media/play?callId={id}", goCallId)
                .header("apikey", number.instanceToken()).header("content-type", "audio/ogg")
                .bodyValue(audio).exchange(), HttpStatus.BAD_REQUEST);
        assertThat(refused.get("error").stringValue()).isEqualTo("body: not audio");
        assertThat(refused.has("code")).isFalse();
    }

    @Test
    void theGoLayersPlayNeedsACallIdAudioAndAConnectedCall() {
        json(http.post().uri("/api/layer/evolution-go/call/media/play").header("apikey", number.instanceToken())
                .header("content-type", "audio/ogg").bodyValue(new byte[] {1, 2}).exchange(), HttpStatus.BAD_REQUEST);
        json(http.post().uri("/api/layer/evolution-go/call/media/play?callId={id}", goCallId)
                .header("apikey", number.instanceToken()).exchange(), HttpStatus.BAD_REQUEST);
        String ringing = "3EB0R" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        TestInfra.http().addCall(number.id(), Ids.newId("call"), ringing, "RINGING", Instant.now());
        json(http.post().uri("/api/layer/evolution-go/call/media/play?callId={id}", ringing)
                .header("apikey", number.instanceToken()).header("content-type", "audio/ogg")
                .bodyValue(new byte[] {1, 2}).exchange(), HttpStatus.CONFLICT);
        assertThat(SEEN).isEmpty();
    }

    @Test
    void metaNumbersDoNotSupportEitherRoute() {
        NumberFixture meta = fixtures.metaNumber(fixtures.tenant());
        for (String route : List.of("play", "realtime-session")) {
            JsonNode error = json(http.post().uri("/v1/calls/{id}/" + route, "wacid.ABC")
                    .header("x-api-key", meta.key()).bodyValue(Map.of("mediaUrl", "https://a/x.mp3")).exchange(),
                    HttpStatus.BAD_REQUEST);
            assertThat(error.get("code").stringValue()).isEqualTo("FEATURE_NOT_SUPPORTED");
        }
        assertThat(SEEN).isEmpty();
    }
}
