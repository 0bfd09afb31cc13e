package io.ringline.signaling.call.reconciliation;

import static io.ringline.signaling.support.Fixtures.callId;
import static io.ringline.signaling.support.Fixtures.goSignal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.schemas.avro.CallEvent;
import io.ringline.schemas.avro.CallEventType;
import io.ringline.schemas.avro.CallStatus;
import io.ringline.schemas.avro.Direction;
import io.ringline.schemas.avro.NumberContext;
import io.ringline.schemas.avro.ProviderSignal;
import io.ringline.signaling.support.FakeEvoGo;
import io.ringline.signaling.support.Fixtures;
import io.ringline.signaling.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 9: a user's call whose {@code CallOffer} never reached Ringline (GO sends each webhook once; it was dropped,
 * or sent while the gateway was down) is recovered by reconciliation. Its later signals arrive and are parked (no
 * call has the id); once parked for {@code parked-signal-age} (default 1 min) GO is asked about the call over real
 * HTTP (the fake GO), the offer is rebuilt from GO's answer and applied as a delivered one, and the parked signals
 * end the call through the normal transition table, with its events on {@code call-events}. Scans are driven by
 * moving the service's clock.
 */
class ParkedSignalReconciliationIntegrationTest extends IntegrationTest {

    @Autowired
    ParkedSignalReconciler reconciler;
    @Autowired
    StaleParkedSignals stale;
    @Autowired
    MeterRegistry meters;

    @Test
    void anAnsweredUserCallWhoseOfferWasLostIsCreatedFromGosAnswerAndEndsThroughItsParkedSignals() {
        FakeEvoGo.Instance go = evoGo.newInstance().incomingCall("GO-LOST-OFFER", "5511900007001", "ended", 30);
        NumberContext number = newEvoGoNumber(go);
        // the offer was lost; the answer and the hang-up arrive, for a call id Ringline never heard of
        send(goSignal(number, "CallAccept", callId("GO-LOST-OFFER")));
        send(goSignal(number, "CallTerminate", Fixtures.terminate("GO-LOST-OFFER", "hangup", 30)));
        awaitParked(number, "GO-LOST-OFFER", 2);
        double before = reconciled("offer_recovered");

        drainAfter(Duration.ofSeconds(50)); // parked for less than parked-signal-age
        assertThat(callIdByExternal(number.getNumberId(), "GO-LOST-OFFER")).isNull();
        assertThat(go.requests("/call/state/GO-LOST-OFFER")).as("GO not asked before the age").isEmpty();

        drainAfter(Duration.ofSeconds(15));

        assertThat(go.requests("/call/state/GO-LOST-OFFER")).hasSize(1);
        String callId = callIdByExternal(number.getNumberId(), "GO-LOST-OFFER");
        assertThat(callId).as("the call exists once its parked signals passed the age").isNotNull();
        assertThat(status(callId)).isEqualTo("COMPLETED");
        assertThat(column(callId, "direction", String.class)).isEqualTo("INBOUND");
        assertThat(column(callId, "peer_number", String.class)).isEqualTo("+5511900007001");
        assertThat(column(callId, "duration_seconds", Integer.class)).isEqualTo(30);
        assertThat(column(callId, "end_reason", String.class)).isNotEqualTo("SIGNAL_LOST");
        assertThat(parked(number, "GO-LOST-OFFER")).as("the parked signals were applied").isZero();
        List<CallEvent> events = awaitEvents(callId, 3);
        assertThat(events).extracting(CallEvent::getType)
                .containsExactly(CallEventType.CALL_RINGING, CallEventType.CALL_CONNECTED, CallEventType.CALL_ENDED);
        assertThat(events).extracting(CallEvent::getSequence).containsExactly(1L, 2L, 3L);
        assertThat(events).extracting(CallEvent::getDirection).containsOnly(Direction.INBOUND);
        assertThat(events.getLast().getStatus()).isEqualTo(CallStatus.COMPLETED);
        assertThat(events.getLast().getDurationSeconds()).isEqualTo(30);
        assertThat(reconciled("offer_recovered")).isEqualTo(before + 1);

        // the real offer, late (GO retried, or a replay): the call exists, nothing changes
        ProviderSignal late = goSignal(number, "CallOffer", Fixtures.offer("GO-LOST-OFFER", "5511900007001"));
        send(late);
        awaitProcessed(late.getSignalId());
        assertThat(db.sql("SELECT count(*) AS n FROM calls WHERE number_id = :n").bind("n", number.getNumberId())
                .map(row -> row.get("n", Long.class)).one().block()).isEqualTo(1L);
        assertThat(column(callId, "event_sequence", Long.class)).isEqualTo(3L);
    }

    @Test
    void anUnansweredUserCallWhoseOfferWasLostIsMissed() {
        FakeEvoGo.Instance go = evoGo.newInstance().incomingCall("GO-LOST-RING", "5511900007002", "ended", 0);
        NumberContext number = newEvoGoNumber(go);
        send(goSignal(number, "CallTerminate", Fixtures.terminate("GO-LOST-RING", "timeout", 0)));
        awaitParked(number, "GO-LOST-RING", 1);

        drainAfter(Duration.ofSeconds(61));

        String callId = callIdByExternal(number.getNumberId(), "GO-LOST-RING");
        assertThat(callId).isNotNull();
        assertThat(status(callId)).isEqualTo("MISSED");
        List<CallEvent> events = awaitEvents(callId, 2);
        assertThat(events).extracting(CallEvent::getType)
                .containsExactly(CallEventType.CALL_RINGING, CallEventType.CALL_MISSED);
        assertThat(events).extracting(CallEvent::getSequence).containsExactly(1L, 2L);
        assertThat(events.getFirst().getPeerNumber()).isEqualTo("+5511900007002");
    }

    @Test
    void aParkedSignalGoDoesNotKnowStaysParkedAndIsNotAskedAboutAgain() {
        FakeEvoGo.Instance go = evoGo.newInstance(); // GET /call/{id}: 404 for every call
        NumberContext number = newEvoGoNumber(go);
        send(goSignal(number, "CallTerminate", Fixtures.terminate("GO-NEVER-SEEN", "hangup", 0)));
        awaitParked(number, "GO-NEVER-SEEN", 1);
        double before = reconciled("provider_unknown_call");

        drainAfter(Duration.ofSeconds(61));

        assertThat(go.requests("/call/state/GO-NEVER-SEEN")).hasSize(1);
        assertThat(parked(number, "GO-NEVER-SEEN")).as("left to retention").isEqualTo(1);
        assertThat(callIdByExternal(number.getNumberId(), "GO-NEVER-SEEN")).isNull();
        assertThat(reconciled("provider_unknown_call")).isEqualTo(before + 1);

        drainAfter(Duration.ofMinutes(5));
        assertThat(go.requests("/call/state/GO-NEVER-SEEN")).as("judged once").hasSize(1);
        assertThat(parked(number, "GO-NEVER-SEEN")).isEqualTo(1);
    }

    @Test
    void whenGoCannotTellTheParkedSignalIsAskedAboutAgainAfterAnotherAge() {
        FakeEvoGo.Instance go = evoGo.newInstance()
                .callStateAnswer("GO-MUTE-OFFER", 409, "{\"error\":\"instance not connected\"}");
        NumberContext number = newEvoGoNumber(go);
        send(goSignal(number, "CallTerminate", Fixtures.terminate("GO-MUTE-OFFER", "hangup", 0)));
        awaitParked(number, "GO-MUTE-OFFER", 1);

        drainAfter(Duration.ofSeconds(61));
        assertThat(go.requests("/call/state/GO-MUTE-OFFER")).hasSize(1);
        assertThat(parked(number, "GO-MUTE-OFFER")).isEqualTo(1);

        drainAfter(Duration.ofSeconds(30)); // claimed 30 s ago: not again yet
        assertThat(go.requests("/call/state/GO-MUTE-OFFER")).hasSize(1);

        go.incomingCall("GO-MUTE-OFFER", "5511900007003", "ended", 0); // the instance is back
        drainAfter(Duration.ofSeconds(31));

        assertThat(go.requests("/call/state/GO-MUTE-OFFER")).hasSize(2);
        String callId = callIdByExternal(number.getNumberId(), "GO-MUTE-OFFER");
        assertThat(callId).isNotNull();
        assertThat(status(callId)).isEqualTo("MISSED");
        assertThat(parked(number, "GO-MUTE-OFFER")).isZero();
    }

    @Test
    void twoInstancesDoNotBothClaimOrBothCreateTheCall() {
        FakeEvoGo.Instance go = evoGo.newInstance().incomingCall("GO-TWICE", "5511900007004", "ended", 0);
        NumberContext number = newEvoGoNumber(go);
        send(goSignal(number, "CallTerminate", Fixtures.terminate("GO-TWICE", "hangup", 0)));
        awaitParked(number, "GO-TWICE", 1);
        drainAfter(Duration.ZERO); // what other tests left parked is out of the way
        clock.advance(Duration.ofSeconds(61));
        Instant now = clock.instant();

        // two instances scanning at the same moment: what one claimed, the other does not get
        Set<StaleParkedSignals.Claimed> first = claimAll(now);
        Set<StaleParkedSignals.Claimed> second = claimAll(now);
        StaleParkedSignals.Claimed parked = new StaleParkedSignals.Claimed(number.getNumberId(), "GO-TWICE");
        assertThat(first).contains(parked);
        assertThat(second).doesNotContain(parked);

        // and should both act on the call anyway (a claim expired while GO was slow): GO answers both at once …
        CompletableFuture<Void> release = new CompletableFuture<>();
        go.holdCallState("GO-TWICE", release);
        double before = reconciled("offer_recovered");
        CompletableFuture<ParkedSignalReconciler.Verdict> one = reconciler.reconcile(parked).toFuture();
        CompletableFuture<ParkedSignalReconciler.Verdict> other = reconciler.reconcile(parked).toFuture();
        await().atMost(WAIT).until(() -> go.requests("/call/state/GO-TWICE").size() == 2);
        release.complete(null);
        one.join();
        other.join();

        // … and the rebuilt offer (one signal id) is applied once: one call, one ringing, one end
        assertThat(db.sql("SELECT count(*) AS n FROM calls WHERE number_id = :n").bind("n", number.getNumberId())
                .map(row -> row.get("n", Long.class)).one().block()).isEqualTo(1L);
        String callId = callIdByExternal(number.getNumberId(), "GO-TWICE");
        assertThat(status(callId)).isEqualTo("MISSED");
        assertThat(column(callId, "event_sequence", Long.class)).isEqualTo(2L);
        assertThat(awaitEvents(callId, 2)).extracting(CallEvent::getType)
                .containsExactly(CallEventType.CALL_RINGING, CallEventType.CALL_MISSED);
        assertThat(reconciled("offer_recovered")).isEqualTo(before + 1);
    }

    private Set<StaleParkedSignals.Claimed> claimAll(Instant now) {
        return stale.claim(now.minus(Duration.ofMinutes(1)), 10_000, now).collect(Collectors.toSet()).block();
    }

    /** Moves the service's clock by {@code elapsed}, then scans until nothing more is claimed at that moment. */
    private void drainAfter(Duration elapsed) {
        clock.advance(elapsed);
        for (int i = 0; i < 1_000; i++) {
            if (reconciler.scanOnce().block().claimed() == 0) {
                return;
            }
        }
        throw new AssertionError("scans kept claiming parked signals at one moment");
    }

    private long parked(NumberContext number, String externalCallId) {
        return db.sql("SELECT count(*) AS n FROM pending_signals WHERE number_id = :n AND external_call_id = :x")
                .bind("n", number.getNumberId()).bind("x", externalCallId)
                .map(row -> row.get("n", Long.class)).one().block();
    }

    private void awaitParked(NumberContext number, String externalCallId, long count) {
        await().atMost(WAIT).until(() -> parked(number, externalCallId) == count);
    }

    private void awaitProcessed(String signalId) {
        await().atMost(WAIT).until(() -> db.sql("""
                        SELECT count(*) AS n FROM processed_messages
                        WHERE consumer = 'signaling.signals' AND message_id = :id""")
                .bind("id", signalId).map(row -> row.get("n", Long.class)).one().block() == 1L);
    }

    private double reconciled(String verdict) {
        return meters.get("ringline.signals.parked.reconciled").tag("provider", "EVO_GO").tag("verdict", verdict)
                .counter().count();
    }
}
