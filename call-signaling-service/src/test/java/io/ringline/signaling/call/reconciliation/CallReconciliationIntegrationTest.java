package io.ringline.signaling.call.reconciliation;

import static io.ringline.signaling.support.Fixtures.callId;
import static io.ringline.signaling.support.Fixtures.goSignal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.platform.ids.Ids;
import io.ringline.schemas.avro.CallCommand;
import io.ringline.schemas.avro.CallEvent;
import io.ringline.schemas.avro.CallEventType;
import io.ringline.schemas.avro.CallStatus;
import io.ringline.schemas.avro.NumberContext;
import io.ringline.signaling.support.FakeEvoGo;
import io.ringline.signaling.support.FakeMetaGraph;
import io.ringline.signaling.support.Fixtures;
import io.ringline.signaling.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 9 item 3: a call whose provider's end signal was lost is settled by reconciliation through the call's
 * transition table, and its {@code call.ended} leaves through the outbox like any other; a call heard from
 * recently is not touched. The lost signal is simply never delivered (GO reported the answer, never the end);
 * GO's {@code GET /call/{id}} is answered by the fake GO over real HTTP. Scans are driven by moving the
 * service's clock (defaults: ask GO after 15 min of silence, give up after 4 h).
 */
class CallReconciliationIntegrationTest extends IntegrationTest {

    @Autowired
    CallReconciler reconciler;
    @Autowired
    StaleCalls stale;
    @Autowired
    MeterRegistry meters;

    @Test
    void anAnsweredGoCallWhoseEndSignalWasLostEndsAsGoSaysOnceSilentPastTheAge() {
        FakeEvoGo.Instance go = evoGo.newInstance().startsCallAs("GO-LOST-END");
        CallCommand place = placeAnsweredGoCall(go, "GO-LOST-END");
        go.callState("GO-LOST-END", "ended", 42);
        double before = reconciled("EVO_GO", "provider_ended");

        drainAfter(Duration.ofMinutes(14)); // heard from 14 min ago: not stale yet
        assertThat(status(place.getCallId())).isEqualTo("ACCEPTED");
        assertThat(go.requests("/call/state/GO-LOST-END")).as("GO not asked about a call heard from recently").isEmpty();

        drainAfter(Duration.ofMinutes(2));

        assertThat(status(place.getCallId())).isEqualTo("COMPLETED");
        assertThat(column(place.getCallId(), "end_reason", String.class)).isEqualTo("SIGNAL_LOST");
        assertThat(column(place.getCallId(), "duration_seconds", Integer.class)).isEqualTo(42);
        assertThat(go.requests("/call/state/GO-LOST-END")).hasSize(1);
        List<CallEvent> events = awaitEvents(place.getCallId(), 2);
        CallEvent ended = events.get(1);
        assertThat(ended.getType()).isEqualTo(CallEventType.CALL_ENDED);
        assertThat(ended.getStatus()).isEqualTo(CallStatus.COMPLETED);
        assertThat(ended.getEndReason()).isEqualTo("SIGNAL_LOST");
        assertThat(ended.getSequence()).isEqualTo(events.get(0).getSequence() + 1);
        // at least: the same scans also settle calls other test classes left in progress
        assertThat(reconciled("EVO_GO", "provider_ended")).isGreaterThanOrEqualTo(before + 1);
    }

    @Test
    void aRealSignalArrivingWhileGoIsAskedWinsOverGosStaleAnswer() {
        FakeEvoGo.Instance go = evoGo.newInstance();
        NumberContext number = newEvoGoNumber(go);
        send(goSignal(number, "CallOffer", Fixtures.offer("GO-RACE", "5511900003333")));
        String callId = awaitCallByExternal(number.getNumberId(), "GO-RACE");
        awaitEvents(callId, 1);
        CompletableFuture<Void> release = new CompletableFuture<>();
        go.callState("GO-RACE", "ended", 0).holdCallState("GO-RACE", release);
        double before = reconciled("EVO_GO", "provider_ended");
        drainAfter(Duration.ZERO); // what other tests left stale is out of the way
        clock.advance(Duration.ofMinutes(6)); // RINGING: stale after 5 min

        // the scan claims the ringing call and asks GO, which holds its answer …
        CompletableFuture<CallReconciler.Scan> scan = reconciler.scanOnce().toFuture();
        await().atMost(WAIT).until(() -> go.requests("/call/state/GO-RACE").size() == 1);
        // … while the call is answered on another device: a real signal, applied first
        send(goSignal(number, "CallAccept", callId("GO-RACE")));
        await().atMost(WAIT).until(() -> "ACCEPTED".equals(status(callId)));
        release.complete(null); // GO's answer ("ended") describes the call as it was before
        scan.join();

        assertThat(status(callId)).as("settled only at the version it was claimed at").isEqualTo("ACCEPTED");
        assertThat(column(callId, "end_reason", String.class)).isNull();
        assertThat(reconciled("EVO_GO", "provider_ended")).isEqualTo(before);
        assertThat(awaitEvents(callId, 2).get(1).getType()).isEqualTo(CallEventType.CALL_CONNECTED);
        go.callState("GO-RACE", "active", 0); // the call lives on: later scans of other tests leave it alone
    }

    @Test
    void aCallGoStillHasIsLeftAloneAndAskedAgainOnlyAfterAnotherSilence() {
        FakeEvoGo.Instance go = evoGo.newInstance().startsCallAs("GO-STILL-UP");
        CallCommand place = placeAnsweredGoCall(go, "GO-STILL-UP");
        go.callState("GO-STILL-UP", "active", 0);

        drainAfter(Duration.ofMinutes(16));
        assertThat(status(place.getCallId())).isEqualTo("ACCEPTED");
        assertThat(go.requests("/call/state/GO-STILL-UP")).hasSize(1);

        drainAfter(Duration.ofMinutes(10)); // checked 10 min ago: not asked again yet
        assertThat(go.requests("/call/state/GO-STILL-UP")).hasSize(1);

        drainAfter(Duration.ofMinutes(6));
        assertThat(go.requests("/call/state/GO-STILL-UP")).hasSize(2);
        assertThat(status(place.getCallId())).isEqualTo("ACCEPTED");
        assertThat(events(place.getCallId())).hasSize(1);
    }

    @Test
    void aCallGoCannotTellAboutEndsByTimeoutAfterGiveUpAndIsHungUpAtGo() {
        FakeEvoGo.Instance go = evoGo.newInstance().startsCallAs("GO-MUTE");
        CallCommand place = placeAnsweredGoCall(go, "GO-MUTE");
        go.callStateAnswer("GO-MUTE", 409, "{\"error\":\"instance not connected\"}");
        double before = reconciled("EVO_GO", "timed_out");

        // asked every 16 min (GO cannot tell); the checks do not reset the 4 h counted from the call's last change
        for (int check = 1; check <= 14; check++) {
            drainAfter(Duration.ofMinutes(16));
            assertThat(status(place.getCallId())).as("after %d min", check * 16).isEqualTo("ACCEPTED");
        }
        assertThat(go.requests("/call/state/GO-MUTE")).hasSize(14);

        drainAfter(Duration.ofMinutes(16)); // 240 min after GO reported the answer

        assertThat(status(place.getCallId())).isEqualTo("COMPLETED");
        assertThat(column(place.getCallId(), "end_reason", String.class)).isEqualTo("SIGNAL_LOST");
        assertThat(awaitEvents(place.getCallId(), 2).get(1).getType()).isEqualTo(CallEventType.CALL_ENDED);
        assertThat(reconciled("EVO_GO", "timed_out")).isGreaterThanOrEqualTo(before + 1);
        await().atMost(WAIT).until(() -> go.requests("/call/hangup").size() == 1);
        assertThat(go.requests("/call/hangup").getFirst().body().path("callId").asString()).isEqualTo("GO-MUTE");
    }

    @Test
    void anInboundCallGoNoLongerKnowsWhileRingingIsMissed() {
        FakeEvoGo.Instance go = evoGo.newInstance();
        NumberContext number = newEvoGoNumber(go);
        send(goSignal(number, "CallOffer", Fixtures.offer("GO-GONE-IN", "5511900005555")));
        String callId = awaitCallByExternal(number.getNumberId(), "GO-GONE-IN");
        awaitEvents(callId, 1);
        // the accept window's timer would miss it first in production; here only reconciliation runs

        drainAfter(Duration.ofMinutes(6)); // RINGING: asked after 5 min; GO's 404 = it does not know the call

        assertThat(status(callId)).isEqualTo("MISSED");
        assertThat(column(callId, "end_reason", String.class)).isEqualTo("SIGNAL_LOST");
        assertThat(awaitEvents(callId, 2).get(1).getType()).isEqualTo(CallEventType.CALL_MISSED);
    }

    @Test
    void aMetaCallCannotBeAskedAboutAndIsMissedOnceSilentPastGiveUpAndRejectedAtMeta() {
        FakeMetaGraph.Account meta = graph.newAccount();
        NumberContext number = newMetaNumber(meta);
        send(Fixtures.metaSignal(number, "meta.calls", """
                {"calls":[{"id":"wacid.SILENT","from":"5511900002222","event":"connect","direction":"USER_INITIATED",
                           "session":{"sdp_type":"offer","sdp":"v=0"}}]}"""));
        String callId = awaitCallByExternal(number.getNumberId(), "wacid.SILENT");
        awaitEvents(callId, 1);
        double before = reconciled("META", "timed_out");

        drainAfter(Duration.ofMinutes(6)); // stale (5 min) but Meta has no call-state query: nothing to do yet
        assertThat(status(callId)).isEqualTo("RINGING");

        drainAfter(Duration.ofMinutes(9)); // 15 min without a word: give-up-after for RINGING

        assertThat(status(callId)).isEqualTo("MISSED");
        assertThat(column(callId, "end_reason", String.class)).isEqualTo("SIGNAL_LOST");
        assertThat(awaitEvents(callId, 2).get(1).getType()).isEqualTo(CallEventType.CALL_MISSED);
        assertThat(reconciled("META", "timed_out")).isGreaterThanOrEqualTo(before + 1);
        await().atMost(WAIT).until(() -> meta.calls("reject").size() == 1);
        assertThat(meta.calls("reject").getFirst().body().path("call_id").asString()).isEqualTo("wacid.SILENT");
    }

    @Test
    void aClaimedCallIsNotClaimedAgainByAnotherScanUntilSilentAgain() {
        FakeEvoGo.Instance go = evoGo.newInstance().startsCallAs("GO-CLAIM");
        CallCommand place = placeAnsweredGoCall(go, "GO-CLAIM");
        drainAfter(Duration.ZERO);
        clock.advance(Duration.ofMinutes(16));
        java.time.Instant now = clock.instant();

        // two instances scanning at the same moment: what one claimed, the other does not get
        Set<String> first = claimAll(now);
        Set<String> second = claimAll(now);

        assertThat(first).contains(place.getCallId());
        assertThat(second).doesNotContain(place.getCallId());
    }

    private Set<String> claimAll(java.time.Instant now) {
        return stale.claim(io.ringline.signaling.call.CallStatus.ACCEPTED, now.minus(Duration.ofMinutes(15)), 10_000, now)
                .map(StaleCalls.Claimed::id).collect(Collectors.toSet()).block();
    }

    /** Places an outbound call on a new number of {@code go}; GO reports it answered, and never its end. */
    private CallCommand placeAnsweredGoCall(FakeEvoGo.Instance go, String externalId) {
        NumberContext number = newEvoGoNumber(go);
        CallCommand place = Fixtures.place(number, Ids.newId("call"), "+5511900004444");
        send(place);
        awaitReply(place.getCommandId());
        send(goSignal(number, "CallAccept", callId(externalId)));
        awaitEvents(place.getCallId(), 1);
        return place;
    }

    /** Moves the service's clock by {@code elapsed}, then scans until nothing more is claimed at that moment. */
    private void drainAfter(Duration elapsed) {
        clock.advance(elapsed);
        for (int i = 0; i < 1_000; i++) {
            if (reconciler.scanOnce().block().claimed() == 0) {
                return;
            }
        }
        throw new AssertionError("scans kept claiming calls at one moment");
    }

    private double reconciled(String provider, String verdict) {
        return meters.get("ringline.calls.reconciled").tag("provider", provider).tag("verdict", verdict).counter().count();
    }
}
