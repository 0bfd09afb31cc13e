package io.ringline.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.infra.EmbeddedInfra;
import io.ringline.media.MediaIntegrationTest.TestClient;
import io.ringline.media.support.CallEvents;
import io.ringline.media.support.FakeEvoGo;
import io.ringline.platform.crypto.SecretBox;
import io.ringline.platform.ids.Ids;
import io.ringline.schemas.Topics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.socket.CloseStatus;

/**
 * Two media-bridge instances (two application contexts, two ports) on one PostgreSQL and one Kafka, as deployed
 * behind a load balancer: a session token minted by one is redeemed on the other, and when the call ends every
 * session of it closes with {@code stop}, whichever instance holds it (each instance hears call-events through a
 * consumer group of its own).
 */
class TwoInstancesIntegrationTest {

    static final FakeEvoGo GO = new FakeEvoGo();
    private static final List<ConfigurableApplicationContext> bridges = new ArrayList<>();

    @BeforeAll
    static void startTwoInstances() {
        for (int i = 0; i < 2; i++) {
            List<String> args = new ArrayList<>(List.of(
                    "--server.port=0",
                    "--ringline.internal-token=test-internal-token",
                    "--ringline.media.allow-private-networks=true"));
            EmbeddedInfra.shared().environment().forEach((k, v) -> args.add("--" + k + "=" + v));
            var app = MediaBridgeApplication.application();
            app.setRegisterShutdownHook(false);
            // Own event loops: closing an instance must not stop Reactor Netty's global ones under the others.
            app.addInitializers(context -> ((GenericApplicationContext) context).registerBean(
                    ReactorResourceFactory.class, () -> {
                        ReactorResourceFactory resources = new ReactorResourceFactory();
                        resources.setUseGlobalResources(false);
                        return resources;
                    }));
            bridges.add(app.run(args.toArray(String[]::new)));
        }
    }

    @AfterAll
    static void stop() {
        bridges.forEach(ConfigurableApplicationContext::close);
        GO.close();
    }

    @Test
    void aTokenMintedOnOneInstanceWorksOnTheOtherAndTheCallsEndStopsEverySessionOnBoth() throws Exception {
        String numberId = Ids.newId("num");
        String callId = Ids.newId("call");
        ConfigurableApplicationContext a = bridges.get(0);
        ConfigurableApplicationContext b = bridges.get(1);

        // Minted on A, redeemed on B — and the other way round.
        String mintedOnA = wsUrl(a, numberId, callId);
        TestClient onB = TestClient.connect(onInstance(mintedOnA, b));
        assertThat(onB.nextText()).contains("\"type\":\"start\"").contains(callId);
        String mintedOnB = wsUrl(b, numberId, callId);
        TestClient onA = TestClient.connect(onInstance(mintedOnB, a));
        assertThat(onA.nextText()).contains("\"type\":\"start\"").contains(callId);
        assertThat(GO.upstreams.poll(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(GO.upstreams.poll(10, TimeUnit.SECONDS)).isNotNull();

        // The token is single-use across instances: B's redemption burned it for A too.
        TestClient again = TestClient.connect(onInstance(mintedOnA, a));
        assertThat(again.closeStatus()).isEqualTo(CloseStatus.POLICY_VIOLATION.getCode());
        assertThat(again.received).isEmpty();

        @SuppressWarnings("unchecked")
        KafkaTemplate<String, SpecificRecord> kafka = a.getBean("kafkaTemplate", KafkaTemplate.class);
        kafka.send(Topics.CALL_EVENTS.name(), numberId, CallEvents.ended(numberId, callId)).join();

        for (TestClient client : List.of(onA, onB)) {
            assertThat(client.nextText()).contains("\"type\":\"stop\"").contains("call ended");
            assertThat(client.closeStatus()).isEqualTo(CloseStatus.NORMAL.getCode());
        }
    }

    private static int port(ConfigurableApplicationContext bridge) {
        return ((WebServerApplicationContext) bridge).getWebServer().getPort();
    }

    /** The same URL on another instance (a load balancer's choice). */
    private static String onInstance(String wsUrl, ConfigurableApplicationContext bridge) {
        return wsUrl.replaceFirst("ws://localhost:\\d+", "ws://localhost:" + port(bridge));
    }

    private static String wsUrl(ConfigurableApplicationContext bridge, String numberId, String callId) {
        Map<String, Object> number = new LinkedHashMap<>();
        number.put("numberId", numberId);
        number.put("tenantId", "ten_media");
        number.put("provider", "EVO_GO");
        number.put("phone", "+5511900000005");
        number.put("baseUrl", GO.baseUrl());
        number.put("accountId", "instance-1");
        number.put("encryptedCredentials", bridge.getBean(SecretBox.class)
                .encrypt("{\"instanceToken\":\"go-instance-token\"}"));
        number.put("version", 1);
        @SuppressWarnings("unchecked")
        Map<String, Object> answer = WebTestClient.bindToServer().baseUrl("http://localhost:" + port(bridge))
                .defaultHeader("x-internal-token", "test-internal-token").build()
                .post().uri("/internal/numbers/{n}/calls/{c}/realtime-session", numberId, callId)
                .bodyValue(Map.of("externalCallId", "GO-" + callId, "number", number)).exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        return (String) answer.get("wsUrl");
    }
}
