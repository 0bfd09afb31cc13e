package io.ringline.sandbox.evogo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;

import io.ringline.sandbox.support.SandboxTest;
import io.ringline.sandbox.support.TestPhones;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** User-initiated GO calls placed through the control API. */
@SandboxTest
class GoInboundCallTest extends GoTestSupport {

    @Test
    void offerAnswerThenTheUserHangsUp() {
        String user = TestPhones.random();
        sandbox.behaviour(user, "answer", 0, 200);

        String callId = sandbox.userCalls(user, instance.phone());

        await().atMost(DEADLINE).until(() -> receiver.goEventNames(callId),
                names -> names.equals(List.of("CallOffer")));
        JsonNode offer = receiver.goEvents(callId).getFirst().path("data");
        assertThat(offer.path("CallCreator").asString()).isEqualTo(user + "@s.whatsapp.net");
        assertThat(offer.path("From").asString()).isEqualTo(user + "@s.whatsapp.net");
        sandbox.goGet(instance, "/call/" + callId).exchange()
                .expectBody().jsonPath("$.direction").isEqualTo("incoming").jsonPath("$.state").isEqualTo("ringing");

        sandbox.goPost(instance, "/call/answer").bodyValue(Map.of("callId", callId)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.message").isEqualTo("success");

        await().atMost(DEADLINE).until(() -> receiver.goEventNames(callId),
                names -> names.equals(List.of("CallOffer", "CallAccept", "CallTerminate")));
        JsonNode terminate = receiver.goEvents(callId).getLast().path("data");
        assertThat(terminate.path("Reason").asString()).isEqualTo("hangup");
        JsonNode seen = sandbox.call(callId);
        assertThat(terminate.path("DurationSeconds").asInt()).isEqualTo(seen.path("durationSeconds").asInt());
        assertThat(seen.path("direction").asString()).isEqualTo("INBOUND");
        assertThat(seen.path("state").asString()).isEqualTo("ended");
        assertThat(seen.path("endReason").asString()).isEqualTo("hangup");
    }

    @Test
    void businessRejectsAnIncomingCall() {
        String user = TestPhones.random();
        String callId = sandbox.userCalls(user, instance.phone());

        sandbox.goPost(instance, "/call/reject").bodyValue(Map.of("callId", callId, "callCreator", "123")).exchange()
                .expectStatus().isBadRequest();
        sandbox.goPost(instance, "/call/reject")
                .bodyValue(Map.of("callId", callId, "callCreator", user + "@s.whatsapp.net"))
                .exchange()
                .expectStatus().isOk();

        await().atMost(DEADLINE).until(() -> receiver.goEventNames(callId),
                names -> names.equals(List.of("CallOffer", "CallReject", "CallTerminate")));
        assertThat(receiver.goEvents(callId).getLast().path("data").path("Reason").asString()).isEqualTo("rejected");
        sandbox.goPost(instance, "/call/answer").bodyValue(Map.of("callId", callId)).exchange()
                .expectStatus().isEqualTo(409);
    }

    @Test
    void unansweredIncomingCallTimesOutAfterTheAcceptWindow() {
        String callId = sandbox.userCalls(TestPhones.random(), instance.phone());

        await().atMost(DEADLINE).until(() -> receiver.goEventNames(callId),
                names -> names.equals(List.of("CallOffer", "CallTerminate")));
        assertThat(receiver.goEvents(callId).getLast().path("data").path("Reason").asString()).isEqualTo("timeout");
    }

    @Test
    void userHangsUpThroughTheControlApi() {
        String user = TestPhones.random();
        sandbox.behaviour(user, "answer", 0, -1);
        String callId = sandbox.userCalls(user, instance.phone());
        sandbox.goPost(instance, "/call/answer").bodyValue(Map.of("callId", callId)).exchange().expectStatus().isOk();

        sandbox.userHangsUp(callId);

        await().atMost(DEADLINE).until(() -> receiver.goEventNames(callId),
                names -> names.equals(List.of("CallOffer", "CallAccept", "CallTerminate")));
        client.post().uri("/sandbox/calls/{id}/hangup", callId).exchange().expectStatus().isEqualTo(409);
    }

    @Test
    void callsToUnknownNumbersOrOfflineInstancesAreRefused() {
        client.post().uri("/sandbox/users/{phone}/calls", TestPhones.random())
                .bodyValue(Map.of("to", TestPhones.random()))
                .exchange()
                .expectStatus().isNotFound();

        sandbox.provisionGo(instance, receiver.url("/webhooks/evolution-go"), false);
        client.post().uri("/sandbox/users/{phone}/calls", TestPhones.random())
                .bodyValue(Map.of("to", instance.phone()))
                .exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.error").value(error -> assertThat((String) error).contains("not connected"));
    }
}
