package io.ringline.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.infra.InfraProperties;
import io.ringline.media.MediaIntegrationTest.TestClient;
import io.ringline.media.support.FakeEvoGo;
import io.ringline.platform.crypto.SecretBox;
import io.ringline.platform.ids.Ids;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.socket.CloseStatus;

/**
 * The realtime session limits with real WebSocket clients: sessions per call, message size, queued bytes (a client
 * that stops reading), and sessions outliving the server's HTTP timeouts, which are set very short here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=media-bridge-service",
        "ringline.internal-token=test-internal-token",
        "ringline.media.allow-private-networks=true",
        "ringline.media.realtime.max-sessions-per-call=2",
        "ringline.media.realtime.max-frame-size=4KB",
        "ringline.media.realtime.max-queued-bytes=64KB",
        "ringline.server.header-timeout=1s",
        "ringline.server.read-timeout=1s",
        "ringline.server.request-timeout=1s",
        "server.netty.idle-timeout=1s"})
class RealtimeLimitsIntegrationTest {

    static final FakeEvoGo GO = new FakeEvoGo();

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

    /**
     * Found by the abuse campaign: Reactor Netty answered an unsupported {@code Sec-WebSocket-Version} with 426 but
     * then failed after committing it, closing the connection and logging the request URI — the token in its query.
     * Refused before the upgrade now: the 426 says which version to use, the connection serves the next request, and
     * nothing about the token reaches the log.
     */
    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void anUnsupportedWebSocketVersionIsRefusedWith426AndLeavesNoTokenInTheLog(
            org.springframework.boot.test.system.CapturedOutput output) throws Exception {
        String token = "rl_" + Ids.newId("probe");
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            var out = socket.getOutputStream();
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.ISO_8859_1));
            out.write(("GET /v1/realtime?token=" + token + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 8\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            out.flush();
            java.util.List<String> head = head(in);
            assertThat(head.getFirst()).startsWith("HTTP/1.1 426");
            assertThat(head).anyMatch(line -> line.equalsIgnoreCase("Sec-WebSocket-Version: 13"));

            out.write("GET /actuator/health HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            out.flush();
            assertThat(head(in).getFirst()).startsWith("HTTP/1.1 200");
        }
        assertThat(output.getAll()).doesNotContain(token);
    }

    private static java.util.List<String> head(java.io.BufferedReader in) throws java.io.IOException {
        java.util.List<String> lines = new java.util.ArrayList<>();
        int length = 0;
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            lines.add(line);
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        in.skip(length);
        return lines;
    }

    @Test
    void aCallsThirdSessionOnThisInstanceIsClosedWith1008BeforeAnythingIsRelayed() throws Exception {
        TestClient first = TestClient.connect(openSession());
        TestClient second = TestClient.connect(openSession());
        assertThat(first.nextText()).contains("\"type\":\"start\"");
        assertThat(second.nextText()).contains("\"type\":\"start\"");
        double limitedBefore = limited("sessions_per_call");

        TestClient third = TestClient.connect(openSession());

        assertThat(third.closeStatus()).isEqualTo(CloseStatus.POLICY_VIOLATION.getCode());
        assertThat(third.received).isEmpty();
        assertThat(limited("sessions_per_call")).isEqualTo(limitedBefore + 1);

        first.closeNow();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            TestClient next = TestClient.connect(openSession());
            Object start = next.received.poll(5, TimeUnit.SECONDS);
            next.closeNow();
            return start instanceof String text && text.contains("\"type\":\"start\"");
        });
    }

    @Test
    void aMessageOverTheFrameCapClosesTheConnectionWith1009AndIsNotRelayed() throws Exception {
        TestClient client = TestClient.connect(openSession());
        assertThat(client.nextText()).contains("start");
        FakeEvoGo.Upstream upstream = GO.upstreams.poll(10, TimeUnit.SECONDS);
        assertThat(upstream).isNotNull();

        client.send(new byte[4 * 1024 + 2]);

        assertThat(client.closeStatus()).isEqualTo(CloseStatus.TOO_BIG_TO_PROCESS.getCode());
        assertThat(upstream.received).noneMatch(frame -> frame instanceof byte[]);
    }

    @Test
    void aClientThatStopsReadingIsDisconnectedWith1008SlowConsumerAndItsQueueDropped() throws Exception {
        NotReading client = NotReading.connect(openSession());
        FakeEvoGo.Upstream upstream = GO.upstreams.poll(10, TimeUnit.SECONDS);
        assertThat(upstream).isNotNull();
        double limitedBefore = limited("queued_bytes");

        upstream.flood(new byte[4000]);

        // The relay gives up on the client and closes its GO side too: the flood stops.
        upstream.closed.get(60, TimeUnit.SECONDS);
        assertThat(limited("queued_bytes")).isEqualTo(limitedBefore + 1);
        client.readEverything();
        NotReading.Closed closed = client.closed.get(30, TimeUnit.SECONDS);
        assertThat(closed.status()).isEqualTo(CloseStatus.POLICY_VIOLATION.getCode());
        assertThat(closed.reason()).startsWith("slow consumer");
    }

    @Test
    void aSessionOutlivesTheServersHttpTimeouts() throws Exception {
        TestClient client = TestClient.connect(openSession());
        assertThat(client.nextText()).contains("start");
        FakeEvoGo.Upstream upstream = GO.upstreams.poll(10, TimeUnit.SECONDS);

        // Silence for three times the header, read, request and idle timeouts: the session must stay open.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() -> !client.closed.isDone());

        byte[] ours = new byte[640];
        client.send(ours);
        assertThat((byte[]) upstream.received.poll(10, TimeUnit.SECONDS)).isEqualTo(ours);
        byte[] theirs = new byte[642];
        upstream.sendAudio(theirs);
        assertThat(client.nextText()).contains("\"type\":\"media-info\""); // protocol 2: before the first frame
        assertThat(client.nextBinary()).isEqualTo(theirs);
    }

    // ---- helpers

    private double limited(String limit) {
        return meters.counter("ringline.media.sessions.limited", "limit", limit).count();
    }

    private String openSession() {
        return openSession(port, secrets, GO, numberId, callId);
    }

    /** A talk session on {@code go}'s call, through the internal API: its public WebSocket URL with the token. */
    static String openSession(int port, SecretBox secrets, FakeEvoGo go, String numberId, String callId) {
        Map<String, Object> number = new LinkedHashMap<>();
        number.put("numberId", numberId);
        number.put("tenantId", "ten_media");
        number.put("provider", "EVO_GO");
        number.put("phone", "+5511900000003");
        number.put("baseUrl", go.baseUrl());
        number.put("accountId", "instance-1");
        number.put("encryptedCredentials", secrets.encrypt("{\"instanceToken\":\"go-instance-token\"}"));
        number.put("version", 1);
        @SuppressWarnings("unchecked")
        Map<String, Object> answer = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .defaultHeader("x-internal-token", "test-internal-token").build()
                .post().uri("/internal/numbers/{n}/calls/{c}/realtime-session", numberId, callId)
                .bodyValue(Map.of("mode", "talk", "externalCallId", "GO-" + callId, "number", number))
                .exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        return (String) answer.get("wsUrl");
    }

    /** The JDK's WebSocket client, asking for no messages until told to: a client that does not read. */
    static final class NotReading implements WebSocket.Listener {

        record Closed(int status, String reason) {
        }

        final CompletableFuture<Closed> closed = new CompletableFuture<>();
        final AtomicLong bytes = new AtomicLong();
        private volatile WebSocket socket;

        static NotReading connect(String url) {
            NotReading client = new NotReading();
            client.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create(url), client).join();
            return client;
        }

        void readEverything() {
            socket.request(Long.MAX_VALUE);
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            // no request(): nothing is read until readEverything()
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            bytes.addAndGet(data.remaining());
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
