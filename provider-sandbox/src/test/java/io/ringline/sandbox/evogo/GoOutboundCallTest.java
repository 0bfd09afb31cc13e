package io.ringline.sandbox.evogo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.ringline.sandbox.support.SandboxClient.GoInstance;
import io.ringline.sandbox.support.SandboxTest;
import io.ringline.sandbox.support.TestPhones;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Business-initiated GO calls: the webhook sequences a real receiver gets for each callee behaviour. */
@SandboxTest
class GoOutboundCallTest extends GoTestSupport {

    @Test
    void answeredCallRingsIsAcceptedAndEndsWhenTheUserHangsUp() {
        String user = TestPhones.random();
        sandbox.behaviour(user, "answer", 50, 1200);

        String callId = sandbox.goStart(instance, "+" + user);

        assertThat(callId).matches("[0-9A-F]{32}");
        await().atMost(DEADLINE).until(() -> receiver.goEventNames(callId),
                names -> names.equals(List.of("CallRinging", "CallAccept", "CallTerminate")));
        List<JsonNode> events = receiver.goEvents(callId);
        JsonNode ringing = events.getFirst();
        assertThat(ringing.path("instanceName").asString()).isEqualTo(instance.name());
        assertThat(ringing.path("instanceToken").asString()).isEqualTo(instance.token());
        assertThat(ringing.path("data").path("CallCreator").asString()).isEqualTo(instance.phone() + "@s.whatsapp.net");
        assertThat(ringing.path("data").path("From").asString()).isEqualTo(user + "@s.whatsapp.net");
        assertThat(Instant.parse(ringing.path("data").path("Timestamp").asString())).isNotNull();
        assertThat(ringing.path("data").has("Reason")).isFalse();
        JsonNode terminate = events.getLast().path("data");
        assertThat(terminate.path("Reason").asString()).isEqualTo("hangup");
        // Timers may fire late on a busy machine: compare with what the provider measured, not a fixed number.
        assertThat(terminate.path("DurationSeconds").asInt())
                .isEqualTo(sandbox.call(callId).path("durationSeconds").asInt())
                .isGreaterThanOrEqualTo(1);

        JsonNode seen = sandbox.call(callId);
        assertThat(seen.path("provider").asString()).isEqualTo("EVO_GO");
        assertThat(seen.path("direction").asString()).isEqualTo("OUTBOUND");
        assertThat(seen.path("state").asString()).isEqualTo("ended");
        assertThat(seen.path("peer").asString()).isEqualTo(user);
        assertThat(seen.path("business").asString()).isEqualTo(instance.phone());
        assertThat(seen.path("actions").get(0).path("action").asString()).isEqualTo("start");
        assertThat(seen.path("actions").get(0).path("body").path("number").asString()).isEqualTo("+" + user);
        await().atMost(DEADLINE).until(() -> sandbox.call(callId).path("webhooks").size() == 3);
        assertThat(sandbox.call(callId).path("webhooks").get(0).path("status").asInt()).isEqualTo(200);
    }

    @Test
    void rejectedCallRingsThenRejectsAndTerminates() {
        String user = TestPhones.random();
        sandbox.behaviour(user, "reject", 50, -1);

        String callId = sandbox.goStart(instance, user);

        await().atMost(DEADLINE).until(() -> receiver.goEventNames(callId),
                names -> names.equals(List.of("CallRinging", "CallReject", "CallTerminate")));
        JsonNode terminate = receiver.goEvents(callId).getLast().path("data");
        assertThat(terminate.path("Reason").asString()).isEqualTo("rejected");
        assertThat(terminate.path("DurationSeconds").asInt()).isZero();
    }

    @Test
    void ignoredCallTimesOutAfterTheNoAnswerTimeout() {
        String user = TestPhones.random();
        sandbox.behaviour(user, "ignore", 0, -1);

        String callId = sandbox.goStart(instance, user);

        await().atMost(DEADLINE).until(() -> receiver.goEventNames(callId),
                names -> names.equals(List.of("CallRinging", "CallTerminate")));
        assertThat(receiver.goEvents(callId).getLast().path("data").path("Reason").asString()).isEqualTo("timeout");
    }

    @Test
    void businessHangsUpAnActiveCall() {
        String user = TestPhones.random();
        sandbox.behaviour(user, "answer", 20, -1);
        String callId = sandbox.goStart(instance, user);
        await().atMost(DEADLINE).until(() -> receiver.goEventNames(callId).contains("CallAccept"));

        client.get().uri("/evogo/{name}/call/{id}", instance.name(), callId).header("apikey", instance.token())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.callId").isEqualTo(callId)
                .jsonPath("$.peer").isEqualTo(user)
                .jsonPath("$.direction").isEqualTo("outgoing")
                .jsonPath("$.state").isEqualTo("active");

        sandbox.goPost(instance, "/call/hangup").bodyValue(Map.of("callId", callId)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.message").isEqualTo("success");

        await().atMost(DEADLINE).until(() -> receiver.goEventNames(callId),
                names -> names.equals(List.of("CallRinging", "CallAccept", "CallTerminate")));
        assertThat(receiver.goEvents(callId).getLast().path("data").path("Reason").asString()).isEqualTo("hangup");
        sandbox.goPost(instance, "/call/hangup").bodyValue(Map.of("callId", callId)).exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.error").isEqualTo("call already ended");
    }

    @Test
    void answeringOrRejectingAnOutgoingCallIsABadRequest() {
        String user = TestPhones.random();
        sandbox.behaviour(user, "ignore", 0, -1);
        String callId = sandbox.goStart(instance, user);

        sandbox.goPost(instance, "/call/answer").bodyValue(Map.of("callId", callId)).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("cannot answer an outgoing call");
        sandbox.goPost(instance, "/call/reject").bodyValue(Map.of("callId", callId, "callCreator", user)).exchange()
                .expectStatus().isBadRequest();

        JsonNode actions = sandbox.call(callId).path("actions");
        assertThat(actions.get(1).path("action").asString()).isEqualTo("answer");
        assertThat(actions.get(1).path("error").asString()).isEqualTo("cannot answer an outgoing call");
    }

    @Test
    void unknownCallsAndBadRequestsAnswerErrors() {
        sandbox.goPost(instance, "/call/answer").bodyValue(Map.of("callId", "3EB0C767D26A1D8E3F4B2A1C9D8E7F60"))
                .exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.error").exists();
        sandbox.goGet(instance, "/call/3EB0C767D26A1D8E3F4B2A1C9D8E7F60").exchange().expectStatus().isNotFound();
        sandbox.goPost(instance, "/call/start").bodyValue(Map.of("number", "not-a-phone")).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").exists();
        sandbox.goPost(instance, "/call/start").bodyValue(Map.of()).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("number is required");
        sandbox.goPost(instance, "/call/start").header("Content-Type", "application/json").bodyValue("{not json")
                .exchange()
                .expectStatus().isBadRequest();
    }

    @Test
    void anotherInstancesCallIsNotFound() {
        String callId = sandbox.goStart(instance, TestPhones.random());
        GoInstance other = sandbox.provisionGo(receiver.url("/other"));

        sandbox.goGet(other, "/call/" + callId).exchange().expectStatus().isNotFound();
        sandbox.goGet(instance, "/call/list").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.data[0].callId").isEqualTo(callId);
    }
}
