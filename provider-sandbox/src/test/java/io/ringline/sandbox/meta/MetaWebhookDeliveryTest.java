package io.ringline.sandbox.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.ringline.sandbox.support.ProviderWebhookRecorder;
import io.ringline.sandbox.support.SandboxClient;
import io.ringline.sandbox.support.SandboxClient.MetaNumber;
import io.ringline.sandbox.support.SandboxTest;
import io.ringline.sandbox.support.TestPhones;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** How Meta webhooks travel: retried on failure, duplicated and reordered on request. */
@SandboxTest
class MetaWebhookDeliveryTest {

    private static final Duration DEADLINE = Duration.ofSeconds(5);

    @Autowired
    WebTestClient client;

    @LocalServerPort
    int port;

    private SandboxClient sandbox;
    private ProviderWebhookRecorder receiver;

    @BeforeEach
    void setUp() {
        sandbox = new SandboxClient(client);
        receiver = new ProviderWebhookRecorder();
    }

    @AfterEach
    void tearDown() {
        receiver.close();
        sandbox.clearFaults();
        client.delete().uri("/sandbox/webhook-sink/behaviour").exchange();
    }

    @Test
    void reorderDeliversAUserCallsTerminateBeforeItsConnect() {
        MetaNumber number = sandbox.provisionMeta(receiver.url("/webhooks/meta"));
        sandbox.faults(number.phone(), Map.of("reorderWebhooks", true));

        String callId = sandbox.userCalls(TestPhones.random(), number.phone());

        await().atMost(DEADLINE).until(() -> receiver.metaEventNames(callId),
                names -> names.equals(List.of("terminate", "connect")));
    }

    @Test
    void duplicatesAreByteForByteTheSameSignedWebhook() {
        MetaNumber number = sandbox.provisionMeta(receiver.url("/webhooks/meta"));
        sandbox.faults(number.phone(), Map.of("duplicateWebhooks", true));

        String callId = sandbox.userCalls(TestPhones.random(), number.phone());

        await().atMost(DEADLINE).until(() -> receiver.metaEventNames(callId).size() >= 2);
        List<ProviderWebhookRecorder.Webhook> webhooks = receiver.metaCallWebhooks(callId);
        assertThat(webhooks.get(0).body()).isEqualTo(webhooks.get(1).body());
        assertThat(webhooks.get(0).headers().get("x-hub-signature-256"))
                .isEqualTo(webhooks.get(1).headers().get("x-hub-signature-256"));
    }

    @Test
    void failedDeliveriesAreRetriedAndEveryAttemptIsRecorded() {
        client.put().uri("/sandbox/webhook-sink/behaviour")
                .bodyValue(Map.of("path", "/meta-retry", "status", 500, "times", 1))
                .exchange()
                .expectStatus().isOk();
        MetaNumber number = sandbox.provisionMeta(
                "http://127.0.0.1:" + port + "/sandbox/webhook-sink/meta-retry/" + TestPhones.random());

        String callId = sandbox.userCalls(TestPhones.random(), number.phone());

        await().atMost(DEADLINE).until(() -> sandbox.call(callId).path("webhooks").size() >= 2);
        JsonNode attempts = sandbox.call(callId).path("webhooks");
        assertThat(attempts.get(0).path("event").asString()).isEqualTo("connect");
        assertThat(attempts.get(0).path("status").asInt()).isEqualTo(500);
        assertThat(attempts.get(0).path("attempt").asInt()).isEqualTo(1);
        assertThat(attempts.get(1).path("status").asInt()).isEqualTo(200);
        assertThat(attempts.get(1).path("attempt").asInt()).isEqualTo(2);
    }
}
