package io.ringline.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.infra.InfraProperties;
import io.ringline.media.MediaIntegrationTest.TestClient;
import io.ringline.media.RealtimeLimitsIntegrationTest.NotReading;
import io.ringline.media.support.FakeEvoGo;
import io.ringline.platform.crypto.SecretBox;
import io.ringline.platform.ids.Ids;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.socket.CloseStatus;

/**
 * The instance's bound on what all realtime sessions have queued, with real WebSocket clients: a session whose
 * client stops reading is ended by it long before its own (default, 1 MiB) bound, a session that keeps up goes on,
 * and the instance gets every byte back when the session ends. Found by the benchmark: hundreds of lagging sessions,
 * each within its own bound, ran the bridge out of heap together.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=media-bridge-service",
        "ringline.internal-token=test-internal-token",
        "ringline.media.allow-private-networks=true",
        "ringline.media.realtime.max-instance-queued-bytes=64KB"})
class RealtimeInstanceBuffersIntegrationTest {

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

    @AfterAll
    static void stopGo() {
        GO.close();
    }

    @Test
    void aLaggingSessionEndsAtTheInstancesBoundWhileOneThatKeepsUpGoesOnAndEveryByteIsGivenBack() throws Exception {
        TestClient healthy = TestClient.connect(open());
        assertThat(healthy.nextText()).contains("\"type\":\"start\"");
        FakeEvoGo.Upstream healthyUpstream = GO.upstreams.poll(10, TimeUnit.SECONDS);
        NotReading lagging = NotReading.connect(open());
        FakeEvoGo.Upstream laggingUpstream = GO.upstreams.poll(10, TimeUnit.SECONDS);
        assertThat(healthyUpstream).isNotNull();
        assertThat(laggingUpstream).isNotNull();
        double instanceBefore = limited("instance_queued_bytes");
        double sessionBefore = limited("queued_bytes");

        laggingUpstream.flood(new byte[4000]);

        laggingUpstream.closed.get(60, TimeUnit.SECONDS);
        assertThat(limited("instance_queued_bytes")).isEqualTo(instanceBefore + 1);
        assertThat(limited("queued_bytes")).as("ended by the instance's 64 KiB, not its own 1 MiB")
                .isEqualTo(sessionBefore);
        lagging.readEverything();
        NotReading.Closed closed = lagging.closed.get(30, TimeUnit.SECONDS);
        assertThat(closed.status()).isEqualTo(CloseStatus.POLICY_VIOLATION.getCode());
        assertThat(closed.reason()).isEqualTo("slow consumer (client, bridge buffers full)");

        // The session that keeps up still relays both ways, and the lagging one's queue is given back.
        byte[] ours = new byte[640];
        healthy.send(ours);
        assertThat((byte[]) healthyUpstream.received.poll(10, TimeUnit.SECONDS)).isEqualTo(ours);
        byte[] theirs = new byte[642];
        healthyUpstream.sendAudio(theirs);
        assertThat(healthy.nextText()).contains("\"type\":\"media-info\"");
        assertThat(healthy.nextBinary()).isEqualTo(theirs);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(queuedBytes()).isZero());
    }

    private String open() {
        return RealtimeLimitsIntegrationTest.openSession(port, secrets, GO, Ids.newId("num"), Ids.newId("call"));
    }

    private double limited(String limit) {
        return meters.counter("ringline.media.sessions.limited", "limit", limit).count();
    }

    private double queuedBytes() {
        return meters.get("ringline.media.queued.bytes").gauge().value();
    }
}
