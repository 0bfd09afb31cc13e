package io.ringline.sandbox.evogo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;

import io.ringline.sandbox.support.ProviderWebhookRecorder;
import io.ringline.sandbox.support.SandboxTest;
import io.ringline.sandbox.support.TestPhones;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Authentication, connectivity and ConnectionUpdate webhooks of GO instances. */
@SandboxTest
class GoInstanceAccessTest extends GoTestSupport {

    @AfterEach
    @Override
    protected void tearDown() {
        super.tearDown();
        sandbox.clearFaults();
    }

    @Test
    void wrongOrMissingApikeyIsUnauthorized() {
        client.post().uri("/evogo/{name}/call/start", instance.name()).header("apikey", "wrong")
                .bodyValue(Map.of("number", TestPhones.random()))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.error").isEqualTo("invalid apikey");
        client.get().uri("/evogo/{name}/instance/status", instance.name())
                .exchange()
                .expectStatus().isUnauthorized();
        client.get().uri("/evogo/no-such-instance/instance/status").header("apikey", instance.token())
                .exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void disconnectedInstanceAnswers409ButReportsItsStatus() {
        sandbox.provisionGo(instance, receiver.url("/webhooks/evolution-go"), false);

        sandbox.goPost(instance, "/call/start").bodyValue(Map.of("number", TestPhones.random())).exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.error").isEqualTo("instance not connected");
        sandbox.goGet(instance, "/call/list").exchange().expectStatus().isEqualTo(409);
        sandbox.goGet(instance, "/instance/status").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.state").isEqualTo("close");
    }

    @Test
    void connectionChangesSendConnectionUpdateAndDropCalls() {
        String user = TestPhones.random();
        sandbox.behaviour(user, "answer", 0, -1);
        String callId = sandbox.goStart(instance, user);
        await().atMost(DEADLINE).until(() -> receiver.goEventNames(callId).contains("CallAccept"));

        sandbox.faults(instance.phone(), Map.of("instanceConnected", false));

        await().atMost(DEADLINE).until(() -> connectionStates(), states -> states.equals(List.of("close")));
        await().atMost(DEADLINE).until(() -> receiver.goEventNames(callId).contains("CallTerminate"));
        assertThat(receiver.goEvents(callId).getLast().path("data").path("Reason").asString())
                .isEqualTo("connection_lost");
        sandbox.goGet(instance, "/instance/status").exchange().expectBody().jsonPath("$.state").isEqualTo("close");

        sandbox.faults(instance.phone(), Map.of());
        await().atMost(DEADLINE).until(() -> connectionStates(), states -> states.equals(List.of("close", "open")));

        sandbox.provisionGo(instance, receiver.url("/webhooks/evolution-go"), false);
        await().atMost(DEADLINE).until(() -> connectionStates(),
                states -> states.equals(List.of("close", "open", "close")));
        JsonNode update = receiver.all().stream().map(ProviderWebhookRecorder.Webhook::json)
                .filter(json -> "ConnectionUpdate".equals(json.path("event").asString()))
                .findFirst().orElseThrow();
        assertThat(update.path("instanceName").asString()).isEqualTo(instance.name());
        assertThat(update.path("instanceToken").asString()).isEqualTo(instance.token());
    }

    @Test
    void audioPlayedIntoAnActiveCallIsRecorded() {
        String user = TestPhones.random();
        sandbox.behaviour(user, "answer", 0, -1);
        String callId = sandbox.goStart(instance, user);
        await().atMost(DEADLINE).until(() -> receiver.goEventNames(callId).contains("CallAccept"));

        sandbox.goPost(instance, "/call/media/play?callId=" + callId)
                .header("Content-Type", "audio/ogg; codecs=opus")
                .bodyValue(new byte[4096])
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.message").isEqualTo("queued");
        sandbox.goPost(instance, "/call/media/play?callId=" + callId)
                .header("Content-Type", "text/plain")
                .bodyValue("hello")
                .exchange()
                .expectStatus().isEqualTo(415);
        sandbox.goPost(instance, "/call/media/realtime/session")
                .bodyValue(Map.of("callId", callId, "mode", "listen"))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.wsUrl").value(url -> assertThat((String) url).startsWith("ws://"))
                .jsonPath("$.token").exists()
                .jsonPath("$.expiresInSeconds").isEqualTo(120);
        sandbox.goPost(instance, "/call/media/realtime/session")
                .bodyValue(Map.of("callId", callId, "mode", "shout"))
                .exchange()
                .expectStatus().isBadRequest();

        JsonNode audio = sandbox.call(callId).path("audio");
        assertThat(audio).hasSize(1);
        assertThat(audio.get(0).path("contentType").asString()).isEqualTo("audio/ogg; codecs=opus");
        assertThat(audio.get(0).path("bytes").asLong()).isEqualTo(4096);
    }

    @Test
    void audioIntoARingingCallConflicts() {
        String user = TestPhones.random();
        sandbox.behaviour(user, "ignore", 0, -1);
        String callId = sandbox.goStart(instance, user);

        sandbox.goPost(instance, "/call/media/play?callId=" + callId)
                .header("Content-Type", "audio/mpeg")
                .bodyValue(new byte[16])
                .exchange()
                .expectStatus().isEqualTo(409);
    }

    private List<String> connectionStates() {
        return receiver.all().stream().map(ProviderWebhookRecorder.Webhook::json)
                .filter(json -> "ConnectionUpdate".equals(json.path("event").asString()))
                .map(json -> json.path("data").path("state").asString())
                .toList();
    }
}
