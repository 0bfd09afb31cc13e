package io.ringline.sandbox.evogo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.ringline.sandbox.support.SandboxTest;
import io.ringline.sandbox.support.TestPhones;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fault switches as a GO client and its webhook receiver experience them. */
@SandboxTest
class GoFaultsTest extends GoTestSupport {

    @AfterEach
    @Override
    protected void tearDown() {
        super.tearDown();
        sandbox.clearFaults();
    }

    @Test
    void latencyDelaysEveryAnswer() {
        sandbox.faults(instance.phone(), Map.of("latencyMs", 400));

        long started = System.nanoTime();
        sandbox.goGet(instance, "/instance/status").exchange().expectStatus().isOk();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void errorCodeFailsRequestsWithThatStatus() {
        sandbox.faults(instance.phone(), Map.of("errorCode", 503));

        sandbox.goPost(instance, "/call/start").bodyValue(Map.of("number", TestPhones.random())).exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.error").exists();

        sandbox.faults(instance.phone(), Map.of("errorCode", 42));
        sandbox.goGet(instance, "/instance/status").exchange().expectStatus().isEqualTo(500);
    }

    @Test
    void globalFaultsApplyUnlessTheNumberOverridesThem() {
        sandbox.faults(null, Map.of("errorCode", 502));
        sandbox.goGet(instance, "/instance/status").exchange().expectStatus().isEqualTo(502);

        sandbox.faults(instance.phone(), Map.of("errorCode", 0));
        sandbox.goGet(instance, "/instance/status").exchange().expectStatus().isOk();

        client.get().uri("/sandbox/faults").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.global.errorCode").isEqualTo(502)
                .jsonPath("$.numbers['" + instance.phone() + "'].errorCode").isEqualTo(0);
    }

    @Test
    void duplicateWebhooksDeliversEachWebhookTwice() {
        sandbox.faults(instance.phone(), Map.of("duplicateWebhooks", true));
        String user = TestPhones.random();
        sandbox.behaviour(user, "reject", 20, -1);

        String callId = sandbox.goStart(instance, user);

        await().atMost(DEADLINE).until(() -> receiver.goEventNames(callId), names -> names.equals(List.of(
                "CallRinging", "CallRinging", "CallReject", "CallReject", "CallTerminate", "CallTerminate")));
        assertThat(receiver.goEvents(callId).get(0)).isEqualTo(receiver.goEvents(callId).get(1));
    }

    @Test
    void reorderWebhooksSwapsEachPairOfACallsWebhooks() {
        sandbox.faults(instance.phone(), Map.of("reorderWebhooks", true));
        String ignoring = TestPhones.random();
        sandbox.behaviour(ignoring, "ignore", 0, -1);
        String answering = TestPhones.random();
        sandbox.behaviour(answering, "answer", 20, 100);

        String unanswered = sandbox.goStart(instance, ignoring);
        String answered = sandbox.goStart(instance, answering);

        await().atMost(DEADLINE).until(() -> receiver.goEventNames(answered),
                names -> names.equals(List.of("CallAccept", "CallRinging", "CallTerminate")));
        await().atMost(DEADLINE).until(() -> receiver.goEventNames(unanswered),
                names -> names.equals(List.of("CallTerminate", "CallRinging")));
    }

    @Test
    void dropWebhooksPercentKeepsThatShareOfACallsWebhooksBackAndJournalsThem() {
        sandbox.faults(instance.phone(), Map.of("dropWebhooksPercent", 100));
        String user = TestPhones.random();
        sandbox.behaviour(user, "reject", 20, -1);

        String callId = sandbox.goStart(instance, user);

        // every webhook of the call is journalled as dropped, the last one (CallTerminate) included
        await().atMost(DEADLINE).until(() -> sandbox.call(callId).path("webhooks").valueStream()
                        .map(w -> w.path("event").asString()).toList(),
                events -> events.contains("CallTerminate"));
        var journal = sandbox.call(callId).path("webhooks");
        assertThat(journal.valueStream().map(w -> w.path("error").asString()))
                .containsOnly("dropped by the dropWebhooksPercent fault");
        assertThat(journal.valueStream().map(w -> w.path("status").isNull())).containsOnly(true);
        // dispatch journals a drop before any later webhook of the call exists: nothing of it was ever sent
        assertThat(receiver.goEvents(callId)).isEmpty();

        sandbox.faults(instance.phone(), Map.of("dropWebhooksPercent", 0));
        String next = sandbox.goStart(instance, user);
        await().atMost(DEADLINE).until(() -> receiver.goEventNames(next),
                names -> names.equals(List.of("CallRinging", "CallReject", "CallTerminate")));
    }

    @Test
    void aCallWhoseWebhooksWereDroppedIsStillDescribedByGetCallAfterItEnded() {
        // what Ringline's reconciliation relies on to recover a lost CallOffer: GO keeps recent calls, ended ones too
        sandbox.faults(instance.phone(), Map.of("dropWebhooksPercent", 100));
        String user = TestPhones.random();
        String callId = sandbox.userCalls(user, instance.phone());

        // nobody answers: the call ends when the accept window runs out
        await().atMost(DEADLINE).until(() -> sandbox.call(callId).path("state").asString().equals("ended"));
        assertThat(receiver.goEvents(callId)).as("neither the offer nor the end was sent").isEmpty();

        sandbox.goGet(instance, "/call/" + callId).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.callId").isEqualTo(callId)
                .jsonPath("$.direction").isEqualTo("incoming")
                .jsonPath("$.peer").isEqualTo(user)
                .jsonPath("$.state").isEqualTo("ended")
                .jsonPath("$.durationSeconds").isEqualTo(0)
                .jsonPath("$.startedAt").exists();
    }

    @Test
    void dropWebhooksPercentOutsideZeroToHundredIsRefused() {
        client.put().uri("/sandbox/faults").bodyValue(Map.of("dropWebhooksPercent", 101)).exchange()
                .expectStatus().isBadRequest();
        client.get().uri("/sandbox/faults").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.global.dropWebhooksPercent").doesNotExist();
    }
}
