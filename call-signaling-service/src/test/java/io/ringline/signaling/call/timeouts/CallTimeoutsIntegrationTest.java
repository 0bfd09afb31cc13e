package io.ringline.signaling.call.timeouts;

import static io.ringline.signaling.support.Fixtures.callId;
import static io.ringline.signaling.support.Fixtures.goSignal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.platform.ids.Ids;
import io.ringline.platform.persistence.Transactions;
import io.ringline.schemas.avro.CallCommand;
import io.ringline.schemas.avro.CallEvent;
import io.ringline.schemas.avro.CallEventType;
import io.ringline.schemas.avro.CallStatus;
import io.ringline.schemas.avro.NumberContext;
import io.ringline.signaling.call.Call;
import io.ringline.signaling.call.application.ActiveCallsRefresher;
import io.ringline.signaling.call.application.CallJournal;
import io.ringline.signaling.number.NumberRef;
import io.ringline.signaling.number.Provider;
import io.ringline.signaling.support.FakeEvoGo;
import io.ringline.signaling.support.FakeMetaGraph;
import io.ringline.signaling.support.Fixtures;
import io.ringline.signaling.support.IntegrationTest;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The timers of SPEC §3, driven by moving the service's clock and running one sweep. */
class CallTimeoutsIntegrationTest extends IntegrationTest {

    @Autowired
    CallTimeoutSweeper sweeper;
    @Autowired
    CallJournal journal;
    @Autowired
    Transactions tx;
    @Autowired
    MeterRegistry meters;
    @Autowired
    ActiveCallsRefresher activeCalls;

    @Test
    void anOutboundCallRingingPastTheRingTimeoutFailsWithNoAnswerAndIsHungUp() {
        FakeEvoGo.Instance go = evoGo.newInstance().startsCallAs("GO-RING-OUT");
        CallCommand place = placeOutboundGoCall(go, "+5511900006666", "CallRinging", "GO-RING-OUT");

        sweepAfter(Duration.ofSeconds(89));
        assertThat(status(place.getCallId())).isEqualTo("RINGING");

        sweepAfter(Duration.ofSeconds(2));

        assertThat(status(place.getCallId())).isEqualTo("FAILED");
        assertThat(column(place.getCallId(), "end_reason", String.class)).isEqualTo("NO_ANSWER");
        CallEvent ended = awaitEvents(place.getCallId(), 2).get(1);
        assertThat(ended.getType()).isEqualTo(CallEventType.CALL_ENDED);
        assertThat(ended.getStatus()).isEqualTo(CallStatus.FAILED);
        assertThat(ended.getEndReason()).isEqualTo("NO_ANSWER");
        await().atMost(WAIT).until(() -> go.requests("/call/hangup").size() == 1);
        assertThat(go.requests("/call/hangup").getFirst().body().path("callId").asString()).isEqualTo("GO-RING-OUT");
    }

    @Test
    void anInboundCallNotAnsweredWithinTheAcceptWindowIsMissedAndRejectedAtGo() {
        FakeEvoGo.Instance go = evoGo.newInstance();
        NumberContext number = newEvoGoNumber(go);
        send(goSignal(number, "CallOffer", Fixtures.offer("GO-RING-IN", "5511900007777")));
        String callId = awaitNewCall(number, "GO-RING-IN");

        sweepAfter(Duration.ofSeconds(59));
        assertThat(status(callId)).isEqualTo("RINGING");

        sweepAfter(Duration.ofSeconds(2));

        assertThat(status(callId)).isEqualTo("MISSED");
        CallEvent missed = awaitEvents(callId, 2).get(1);
        assertThat(missed.getType()).isEqualTo(CallEventType.CALL_MISSED);
        assertThat(missed.getSequence()).isEqualTo(2L);
        await().atMost(WAIT).until(() -> go.requests("/call/reject").size() == 1);
    }

    @Test
    void aMetaInboundCallNotAnsweredWithinTheAcceptWindowIsMissedAndRejectedAtMeta() {
        FakeMetaGraph.Account meta = graph.newAccount();
        NumberContext number = newMetaNumber(meta);
        send(Fixtures.metaSignal(number, "meta.calls", """
                {"calls":[{"id":"wacid.WINDOW","from":"5511900008888","event":"connect","direction":"USER_INITIATED",
                           "session":{"sdp_type":"offer","sdp":"v=0"}}]}"""));
        String callId = awaitNewCall(number, "wacid.WINDOW");

        sweepAfter(Duration.ofSeconds(59));
        assertThat(status(callId)).isEqualTo("RINGING");

        sweepAfter(Duration.ofSeconds(2));

        assertThat(status(callId)).isEqualTo("MISSED");
        assertThat(awaitEvents(callId, 2).get(1).getType()).isEqualTo(CallEventType.CALL_MISSED);
        await().atMost(WAIT).until(() -> meta.calls("reject").size() == 1);
        assertThat(meta.calls("reject").getFirst().body().path("call_id").asString()).isEqualTo("wacid.WINDOW");
    }

    @Test
    void aCallTheProviderNeverNamedFailsAfterTheProviderTimeoutAndGrace() {
        NumberContext number = newEvoGoNumber(evoGo.newInstance());
        NumberRef ref = new NumberRef(number.getNumberId(), number.getTenantId(), Provider.EVO_GO);
        Call stranded = Call.placeOutbound(Ids.newId("call"), ref, "+5511900008888", null, null,
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        // what a crash between storing the call and asking the provider leaves behind
        tx.inTransaction(() -> journal.recordNew(stranded, List.of())).block();

        sweepAfter(Duration.ofSeconds(10)); // provider timeout 1s + grace 10s not yet over
        assertThat(status(stranded.id())).isEqualTo("INITIATED");

        sweepAfter(Duration.ofSeconds(2));

        assertThat(status(stranded.id())).isEqualTo("FAILED");
        assertThat(column(stranded.id(), "end_reason", String.class)).isEqualTo("PROVIDER_TIMEOUT");
        assertThat(awaitEvents(stranded.id(), 1).getFirst().getType()).isEqualTo(CallEventType.CALL_ENDED);
    }

    @Test
    void answeredCallsAreLeftAloneAndTheActiveGaugeFollowsTheDatabase() {
        FakeEvoGo.Instance go = evoGo.newInstance().startsCallAs("GO-TALKING");
        CallCommand place = placeOutboundGoCall(go, "+5511900009999", "CallAccept", "GO-TALKING");

        sweepAfter(Duration.ofMinutes(10));

        assertThat(status(place.getCallId())).isEqualTo("ACCEPTED");
        activeCalls.refreshOnce().block();
        long inProgress = db.sql("SELECT count(*) AS n FROM calls WHERE provider = 'EVO_GO'"
                        + " AND status IN ('INITIATED', 'RINGING', 'ACCEPTED')")
                .map(row -> row.get("n", Long.class)).one().block();
        assertThat(inProgress).isPositive();
        assertThat(meters.get("ringline.calls.active").tag("provider", "EVO_GO").gauge().value())
                .isEqualTo((double) inProgress);
    }

    /**
     * Places an outbound call through a new number of {@code go}, lets GO report it as {@code signal} under
     * {@code externalId} and waits for the call's first event.
     */
    private CallCommand placeOutboundGoCall(FakeEvoGo.Instance go, String to, String signal, String externalId) {
        NumberContext number = newEvoGoNumber(go);
        CallCommand place = Fixtures.place(number, Ids.newId("call"), to);
        send(place);
        awaitReply(place.getCommandId());
        send(goSignal(number, signal, callId(externalId)));
        awaitEvents(place.getCallId(), 1);
        return place;
    }

    /** The call the provider announced as {@code externalId} on {@code number}, once its first event is out. */
    private String awaitNewCall(NumberContext number, String externalId) {
        String callId = awaitCallByExternal(number.getNumberId(), externalId);
        awaitEvents(callId, 1);
        return callId;
    }

    /** Moves the service's clock by {@code elapsed} and runs one sweep. */
    private void sweepAfter(Duration elapsed) {
        clock.advance(elapsed);
        sweeper.sweepOnce().block();
    }
}
