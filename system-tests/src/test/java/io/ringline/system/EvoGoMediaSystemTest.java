package io.ringline.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringline.devstack.DemoTenant;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.websocket.WebsocketInbound;
import tools.jackson.databind.JsonNode;

/**
 * Server-side audio on an Evolution GO call, end to end: {@code /play} fetches a file from a (local) web
 * server and hands it to GO; a realtime session relays PCM16 both ways between a WebSocket client and the
 * simulated GO media stream, and closes when the call ends.
 */
class EvoGoMediaSystemTest {

    private static DemoTenant demo;
    private static PlatformClient client;
    private static DisposableServer files;
    private static final byte[] WAV = wav(1600);

    @BeforeAll
    static void platform() {
        demo = SharedPlatform.get().demo();
        client = new PlatformClient(demo);
        files = HttpServer.create().host("127.0.0.1").port(0)
                .route(r -> r.get("/hello.wav", (req, res) -> res.header("content-type", "audio/wav")
                        .sendByteArray(Mono.just(WAV))))
                .bindNow();
    }

    @AfterAll
    static void stopFiles() {
        files.disposeNow();
    }

    private static String key() {
        return demo.evoGoNumber().apiKey();
    }

    private static String answeredCall(String user) {
        client.userBehaves(user, Map.of("onCall", "answer", "afterMs", 200, "hangUpAfterMs", 600_000));
        Http.Response placed = client.post(key(), "/v1/calls", Map.of("to", user));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        String id = placed.json().path("id").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> "ACCEPTED".equals(client.status(key(), id)));
        return id;
    }

    private static JsonNode providerView(String callId) {
        String external = client.getCall(key(), callId).path("externalCallId").asString();
        return Http.get(demo.sandboxUrl() + "/sandbox/calls/" + external, Map.of()).json();
    }

    @Test
    void playFetchesTheFileAndGoPlaysItIntoTheCall() {
        String id = answeredCall("+5511944440001");

        Http.Response played = client.post(key(), "/v1/calls/" + id + "/play",
                Map.of("mediaUrl", "http://127.0.0.1:" + files.port() + "/hello.wav"));

        assertThat(played.status()).as(played.body()).isEqualTo(200);
        assertThat(played.json().path("success").asBoolean()).isTrue();
        JsonNode audio = providerView(id).path("audio");
        assertThat(audio.size()).isEqualTo(1);
        assertThat(audio.get(0).path("bytes").asLong()).isEqualTo(WAV.length);
        assertThat(audio.get(0).path("contentType").asString()).contains("audio/wav");

        Http.Response badExtension = client.post(key(), "/v1/calls/" + id + "/play",
                Map.of("mediaUrl", "http://127.0.0.1:" + files.port() + "/hello.txt"));
        assertThat(badExtension.status()).isEqualTo(400);
        assertThat(providerView(id).path("audio").size()).as("nothing more reached GO").isEqualTo(1);
        client.post(key(), "/v1/calls/" + id + "/terminate", null);
    }

    @Test
    void aRealtimeSessionRelaysAudioBothWaysAndClosesWhenTheCallEnds() {
        String id = answeredCall("+5511944440002");
        Http.Response session = client.post(key(), "/v1/calls/" + id + "/realtime-session", Map.of("mode", "talk"));
        assertThat(session.status()).as(session.body()).isEqualTo(200);
        assertThat(session.json().path("expiresInSeconds").asInt()).isEqualTo(120);
        String wsUrl = session.json().path("wsUrl").asString();

        List<String> texts = new CopyOnWriteArrayList<>();
        AtomicLong audioIn = new AtomicLong();
        AtomicInteger closeCode = new AtomicInteger(-1);
        byte[] frame = new byte[640];
        HttpClient.create().websocket().uri(wsUrl)
                .handle((in, out) -> {
                    Mono<Void> receive = in.aggregateFrames().receiveFrames().doOnNext(f -> {
                        if (f instanceof io.netty.handler.codec.http.websocketx.TextWebSocketFrame t) {
                            texts.add(t.text());
                        } else {
                            audioIn.addAndGet(f.content().readableBytes());
                        }
                    }).then();
                    Mono<Void> closed = ((WebsocketInbound) in).receiveCloseStatus()
                            .doOnNext(s -> closeCode.set(s.code())).then();
                    Flux<io.netty.buffer.ByteBuf> talk = Flux.range(0, 25).delayElements(Duration.ofMillis(20))
                            .map(i -> out.alloc().buffer(640).writeBytes(frame));
                    return out.sendObject(talk.map(io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame::new))
                            .neverComplete().and(receive).and(closed);
                })
                .subscribe();

        await().atMost(Duration.ofSeconds(20)).until(() -> !texts.isEmpty() && audioIn.get() >= 640 * 10);
        assertThat(Http.JSON.readTree(texts.get(0)).path("type").asString()).isEqualTo("start");
        assertThat(Http.JSON.readTree(texts.get(0)).path("callId").asString()).isEqualTo(id);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                providerView(id).path("realtime").path("bytesReceived").asLong() >= 640 * 25);

        client.post(key(), "/v1/calls/" + id + "/terminate", null);

        await().atMost(Duration.ofSeconds(20)).until(() -> closeCode.get() == 1000);
        assertThat(texts).anySatisfy(t -> assertThat(Http.JSON.readTree(t).path("type").asString()).isEqualTo("stop"));

        // The token was single-use.
        AtomicInteger reuse = new AtomicInteger(-1);
        HttpClient.create().websocket().uri(wsUrl).handle((in, out) -> ((WebsocketInbound) in).receiveCloseStatus()
                .doOnNext(s -> reuse.set(s.code())).then()).onErrorResume(e -> {
                    reuse.set(0);
                    return Mono.empty();
                }).subscribe();
        await().atMost(Duration.ofSeconds(10)).until(() -> reuse.get() != -1 && reuse.get() != 1000);
    }

    /** A valid little WAV file: RIFF header and {@code samples} of silence, PCM16 mono 16 kHz. */
    private static byte[] wav(int samples) {
        int data = samples * 2;
        ByteBuffer b = ByteBuffer.allocate(44 + data).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + data).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(16000).putInt(32000).putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(data);
        return b.array();
    }
}
