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
import io.ringline.signaling.call.NumberRef;
import io.ringline.signaling.call.Provider;
import io.ringline.signaling.call.application.ActiveCallsRefresher;
import io.ringline.signaling.call.application.CallJournal;
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
        NumberContext number = newEvoGoNumber(go);
        CallCommand place = Fixtures.place(number, Ids.newId("call"), "+5511900006666");
        send(place);
        awaitReply(place.getCommandId());
        send(goSignal(number, "CallRinging", callId("GO-RING-OUT")));
        awaitEvents(place.getCallId(), 1);

        clock.advance(Duration.ofSeconds(89));
        sweeper.sweepOnce().block();
        assertThat(status(place.getCallId())).isEqualTo("RINGING");

        clock.advance(Duration.ofSeconds(2));
        sweeper.sweepOnce().block();

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
        String callId = awaitCallByExternal(number.getNumberId(), "GO-RING-IN");
        awaitEvents(callId, 1);

        clock.advance(Duration.ofSeconds(59));
        sweeper.sweepOnce().block();
        assertThat(status(callId)).isEqualTo("RINGING");

        clock.advance(Duration.ofSeconds(2));
        sweeper.sweepOnce().block();

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
        String callId = awaitCallByExternal(number.getNumberId(), "wacid.WINDOW");
        awaitEvents(callId, 1);

        clock.advance(Duration.ofSeconds(59));
        sweeper.sweepOnce().block();
        assertThat(status(callId)).isEqualTo("RINGING");

        clock.advance(Duration.ofSeconds(2));
        sweeper.sweepOnce().block();

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

        clock.advance(Duration.ofSeconds(10)); // provider timeout 1s + grace 10s not yet over
        sweeper.sweepOnce().block();
        assertThat(status(stranded.id())).isEqualTo("INITIATED");

        clock.advance(Duration.ofSeconds(2));
        sweeper.sweepOnce().block();

        assertThat(status(stranded.id())).isEqualTo("FAILED");
        assertThat(column(stranded.id(), "end_reason", String.class)).isEqualTo("PROVIDER_TIMEOUT");
        assertThat(awaitEvents(stranded.id(), 1).getFirst().getType()).isEqualTo(CallEventType.CALL_ENDED);
    }

    @Test
    void answeredCallsAreLeftAloneAndTheActiveGaugeFollowsTheDatabase() {
        FakeEvoGo.Instance go = evoGo.newInstance().startsCallAs("GO-TALKING");
        NumberContext number = newEvoGoNumber(go);
        CallCommand place = Fixtures.place(number, Ids.newId("call"), "+5511900009999");
        send(place);
        awaitReply(place.getCommandId());
        send(goSignal(number, "CallAccept", callId("GO-TALKING")));
        awaitEvents(place.getCallId(), 1);

        clock.advance(Duration.ofMinutes(10));
        sweeper.sweepOnce().block();

        assertThat(status(place.getCallId())).isEqualTo("ACCEPTED");
        activeCalls.refreshOnce().block();
        long inProgress = db.sql("SELECT count(*) AS n FROM calls WHERE provider = 'EVO_GO'"
                        + " AND status IN ('INITIATED', 'RINGING', 'ACCEPTED')")
                .map(row -> row.get("n", Long.class)).one().block();
        assertThat(inProgress).isPositive();
        assertThat(meters.get("ringline.calls.active").tag("provider", "EVO_GO").gauge().value())
                .isEqualTo((double) inProgress);
    }
}
