package io.ringline.signaling.call.reconciliation;

import static io.ringline.signaling.support.Fixtures.callId;
import static io.ringline.signaling.support.Fixtures.goSignal;
import static io.ringline.signaling.support.Fixtures.metaSignal;
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
import io.ringline.signaling.support.FakeMetaGraph;
import io.ringline.signaling.support.Fixtures;
import io.ringline.signaling.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 9: a user's call whose offer never reached Ringline is recovered by reconciliation. Its later signals arrive
 * and are parked (no call has the id); once parked for {@code parked-signal-age} (default 1 min) the offer is rebuilt
 * and applied as a delivered one, and the parked signals end the call through the normal transition table, with its
 * events on {@code call-events}. EVO_GO (GO sends each webhook once; the {@code CallOffer} was dropped, or sent while
 * the gateway was down): GO is asked about the call over real HTTP (the fake GO) and the offer is rebuilt from its
 * answer. META (its {@code connect} was lost; the Cloud API has no call state to ask): the connect is rebuilt from
 * the parked {@code terminate} of the user-initiated call itself, so the call is created and ended at once; a
 * business call's terminate, or only a status, is left to retention. Scans are driven by moving the service's clock.
 */
class ParkedSignalReconciliationIntegrationTest extends IntegrationTest {

    /** When the Meta terminates below say the call ended (Unix seconds, as Meta sends them). */
    private static final long TERMINATED_AT = 1_671_644_944L;

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

    // ---- META: no call state to ask; the parked terminate of a user's call is the evidence ----

    @Test
    void aMetaUserCallWhoseConnectWasLostIsCreatedFromItsParkedTerminateAndMissedOnce() {
        FakeMetaGraph.Account meta = graph.newAccount();
        NumberContext number = newMetaNumber(meta);
        drainAfter(Duration.ofSeconds(61)); // what other tests left parked is judged before the metric is read
        // Meta dropped the connect; the terminate (nobody answered) arrives for a call id Ringline never heard of
        send(metaSignal(number, "meta.calls", userTerminate("wacid.LOST-CONNECT", "5511900008001", "FAILED", null)));
        awaitParked(number, "wacid.LOST-CONNECT", 1);
        double before = reconciled("META", "offer_rebuilt_from_terminate");
        double cannotAsk = reconciled("META", "cannot_ask");

        drainAfter(Duration.ofSeconds(50)); // parked for less than parked-signal-age
        assertThat(callIdByExternal(number.getNumberId(), "wacid.LOST-CONNECT")).isNull();

        drainAfter(Duration.ofSeconds(15));

        String callId = callIdByExternal(number.getNumberId(), "wacid.LOST-CONNECT");
        assertThat(callId).as("the call exists once its parked terminate passed the age").isNotNull();
        assertThat(status(callId)).isEqualTo("MISSED");
        assertThat(column(callId, "end_reason", String.class)).isEqualTo("CANCELLED"); // the caller gave up
        assertThat(column(callId, "direction", String.class)).isEqualTo("INBOUND");
        assertThat(column(callId, "provider", String.class)).isEqualTo("META");
        assertThat(column(callId, "peer_number", String.class)).isEqualTo("+5511900008001");
        assertThat(column(callId, "started_at", Instant.class)).isEqualTo(Instant.ofEpochSecond(TERMINATED_AT));
        assertThat(column(callId, "sdp_offer", String.class)).as("Meta's offer was lost with the connect").isNull();
        assertThat(parked(number, "wacid.LOST-CONNECT")).as("the parked terminate was applied").isZero();
        List<CallEvent> events = awaitEvents(callId, 2);
        assertThat(events).extracting(CallEvent::getType)
                .containsExactly(CallEventType.CALL_RINGING, CallEventType.CALL_MISSED);
        assertThat(events).extracting(CallEvent::getSequence).containsExactly(1L, 2L);
        assertThat(events).extracting(CallEvent::getDirection).containsOnly(Direction.INBOUND);
        assertThat(events.getFirst().getPeerNumber()).isEqualTo("+5511900008001");
        assertThat(events.getLast().getStatus()).isEqualTo(CallStatus.MISSED);
        assertThat(events.getLast().getEndReason()).isEqualTo("CANCELLED");
        assertThat(kafka.values("call-events", CallEvent.class, e -> callId.equals(e.getCallId())
                && e.getType() != CallEventType.CALLS_RAW)).as("published in order")
                .extracting(CallEvent::getType).containsExactly(CallEventType.CALL_RINGING, CallEventType.CALL_MISSED);
        assertThat(reconciled("META", "offer_rebuilt_from_terminate")).isEqualTo(before + 1);
        assertThat(reconciled("META", "cannot_ask")).isEqualTo(cannotAsk);
        assertThat(meta.requests()).as("nothing to tell Meta: the call is over").isEmpty();

        // a later scan finds nothing to do
        drainAfter(Duration.ofMinutes(5));
        assertThat(column(callId, "event_sequence", Long.class)).isEqualTo(2L);
        assertThat(reconciled("META", "offer_rebuilt_from_terminate")).isEqualTo(before + 1);

        // the real connect, late (Meta retried it): the call exists, nothing changes
        ProviderSignal late = metaSignal(number, "meta.calls", userConnect("wacid.LOST-CONNECT", "5511900008001"));
        send(late);
        awaitProcessed(late.getSignalId());
        assertThat(db.sql("SELECT count(*) AS n FROM calls WHERE number_id = :n").bind("n", number.getNumberId())
                .map(row -> row.get("n", Long.class)).one().block()).isEqualTo(1L);
        assertThat(status(callId)).isEqualTo("MISSED");
        assertThat(column(callId, "event_sequence", Long.class)).isEqualTo(2L);
        assertThat(column(callId, "sdp_offer", String.class)).isNull();
        assertThat(events(callId)).extracting(CallEvent::getType)
                .containsExactly(CallEventType.CALL_RINGING, CallEventType.CALL_MISSED);
    }

    @Test
    void twoReconcilersRebuildingAnAnsweredMetaUserCallFromItsTerminateCreateItOnce() {
        NumberContext number = newMetaNumber(graph.newAccount());
        send(metaSignal(number, "meta.calls", userTerminate("wacid.TWICE", "5511900008002", "COMPLETED", 30)));
        awaitParked(number, "wacid.TWICE", 1);
        drainAfter(Duration.ZERO); // what other tests left parked is out of the way
        clock.advance(Duration.ofSeconds(61));
        double before = reconciled("META", "offer_rebuilt_from_terminate");

        // two instances acting on the same call id at once (one claim expired while the other was busy)
        StaleParkedSignals.Claimed parked = new StaleParkedSignals.Claimed(number.getNumberId(), "wacid.TWICE");
        CompletableFuture<ParkedSignalReconciler.Verdict> one = reconciler.reconcile(parked).toFuture();
        CompletableFuture<ParkedSignalReconciler.Verdict> other = reconciler.reconcile(parked).toFuture();
        // each rebuilt it, or found the call had already taken the terminate (no verdict)
        assertThat(Stream.of(one.join(), other.join()).filter(Objects::nonNull).toList())
                .isNotEmpty().containsOnly(ParkedSignalReconciler.Verdict.OFFER_REBUILT_FROM_TERMINATE);

        assertThat(db.sql("SELECT count(*) AS n FROM calls WHERE number_id = :n").bind("n", number.getNumberId())
                .map(row -> row.get("n", Long.class)).one().block()).isEqualTo(1L);
        String callId = callIdByExternal(number.getNumberId(), "wacid.TWICE");
        assertThat(status(callId)).isEqualTo("COMPLETED");
        assertThat(column(callId, "duration_seconds", Integer.class)).isEqualTo(30);
        assertThat(column(callId, "event_sequence", Long.class)).isEqualTo(3L);
        List<CallEvent> events = awaitEvents(callId, 3);
        assertThat(events).extracting(CallEvent::getType)
                .containsExactly(CallEventType.CALL_RINGING, CallEventType.CALL_CONNECTED, CallEventType.CALL_ENDED);
        assertThat(events.getLast().getDurationSeconds()).isEqualTo(30);
        assertThat(events.getLast().getBilling()).as("user-initiated calls are free").isNull();
        assertThat(reconciled("META", "offer_rebuilt_from_terminate")).isEqualTo(before + 1);
    }

    @Test
    void aParkedMetaBusinessCallTerminateOrStatusIsLeftToRetention() {
        NumberContext number = newMetaNumber(graph.newAccount());
        drainAfter(Duration.ofSeconds(61)); // what other tests left parked is judged before the metric is read
        send(metaSignal(number, "meta.calls", """
                {"messaging_product":"whatsapp","calls":[{"id":"wacid.BIC-LOST","to":"5511900008003",
                 "from":"16315553601","event":"terminate","direction":"BUSINESS_INITIATED","status":"COMPLETED",
                 "timestamp":"1671644944"}]}"""));
        send(metaSignal(number, "meta.calls", """
                {"messaging_product":"whatsapp","statuses":[{"id":"wacid.STATUS-ONLY","timestamp":"1671644824",
                 "type":"call","status":"RINGING","recipient_id":"5511900008004"}]}"""));
        awaitParked(number, "wacid.BIC-LOST", 1);
        awaitParked(number, "wacid.STATUS-ONLY", 1);
        double cannotAsk = reconciled("META", "cannot_ask");
        double rebuilt = reconciled("META", "offer_rebuilt_from_terminate");

        drainAfter(Duration.ofSeconds(61));

        assertThat(callIdByExternal(number.getNumberId(), "wacid.BIC-LOST")).isNull();
        assertThat(callIdByExternal(number.getNumberId(), "wacid.STATUS-ONLY")).isNull();
        assertThat(parked(number, "wacid.BIC-LOST")).as("left to retention").isEqualTo(1);
        assertThat(parked(number, "wacid.STATUS-ONLY")).as("left to retention").isEqualTo(1);
        assertThat(reconciled("META", "cannot_ask")).isEqualTo(cannotAsk + 2);
        assertThat(reconciled("META", "offer_rebuilt_from_terminate")).isEqualTo(rebuilt);

        drainAfter(Duration.ofMinutes(5));
        assertThat(reconciled("META", "cannot_ask")).as("judged once").isEqualTo(cannotAsk + 2);
        assertThat(parked(number, "wacid.BIC-LOST")).isEqualTo(1);
    }

    /** Meta's terminate of a user-initiated call to the test number, answered when {@code duration} is given. */
    private static String userTerminate(String id, String callerDigits, String status, Integer duration) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"WABA","changes":[{"field":"calls","value":
                 {"messaging_product":"whatsapp","metadata":{"phone_number_id":"PN"},
                  "calls":[{"id":"%s","to":"16315553601","from":"%s","event":"terminate",
                            "direction":"USER_INITIATED","timestamp":"%d","status":"%s"%s}]}}]}]}"""
                .formatted(id, callerDigits, TERMINATED_AT, status, duration == null ? ""
                        : ",\"start_time\":\"%d\",\"end_time\":\"%d\",\"duration\":%d"
                                .formatted(TERMINATED_AT - duration, TERMINATED_AT, duration));
    }

    private static String userConnect(String id, String callerDigits) {
        return """
                {"messaging_product":"whatsapp","metadata":{"phone_number_id":"PN"},
                 "calls":[{"id":"%s","to":"16315553601","from":"%s","event":"connect","timestamp":"%d",
                           "direction":"USER_INITIATED","session":{"sdp_type":"offer","sdp":"v=0\\r\\n"}}]}"""
                .formatted(id, callerDigits, TERMINATED_AT - 20);
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
        return reconciled("EVO_GO", verdict);
    }

    private double reconciled(String provider, String verdict) {
        return meters.get("ringline.signals.parked.reconciled").tag("provider", provider).tag("verdict", verdict)
                .counter().count();
    }
}
