package io.ringline.signaling.call;

import static io.ringline.signaling.call.Calls.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringline.platform.vocabulary.Billing;
import io.ringline.signaling.call.CallEvent.CallConnected;
import io.ringline.signaling.call.CallEvent.CallEnded;
import io.ringline.signaling.call.CallEvent.CallMissed;
import io.ringline.signaling.call.CallEvent.CallRinging;
import io.ringline.signaling.number.Provider;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The aggregate: guarded transitions that return their events, numbered per call. */
class CallTest {

    @Test
    void placingAnOutboundCallIsInitiatedAndSilent() {
        Call call = Call.placeOutbound("call_1", Calls.number(Provider.EVO_GO), "+5511999990000", null, null, T0);

        assertThat(call.status()).isEqualTo(CallStatus.INITIATED);
        assertThat(call.snapshot().eventSequence()).isZero();
        assertThat(call.snapshot().startedAt()).isEqualTo(T0);
    }

    @Test
    void anAnsweredOutboundCallReportsRingingConnectedEndedInSequence() {
        Call call = Calls.initiatedOutbound(Provider.EVO_GO);

        List<CallEvent> ringing = call.noteRinging(T0.plusSeconds(1));
        List<CallEvent> connected = call.noteAnswered(T0.plusSeconds(5));
        List<CallEvent> ended = call.terminate(T0.plusSeconds(61));

        assertThat(ringing).singleElement().isInstanceOf(CallRinging.class)
                .extracting(CallEvent::sequence).isEqualTo(1L);
        assertThat(connected).singleElement().isInstanceOf(CallConnected.class)
                .extracting(CallEvent::sequence).isEqualTo(2L);
        assertThat(ended).singleElement().isInstanceOf(CallEnded.class)
                .extracting(CallEvent::sequence).isEqualTo(3L);
        CallSnapshot after = ended.getFirst().call();
        assertThat(after.status()).isEqualTo(CallStatus.COMPLETED);
        assertThat(after.endReason()).isEqualTo(EndReason.HANGUP);
        assertThat(after.connectedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(after.endedAt()).isEqualTo(T0.plusSeconds(61));
        assertThat(after.durationSeconds()).isEqualTo(56);
        assertThat(call.snapshot().eventSequence()).isEqualTo(3);
    }

    @Test
    void aPlaysEndTakesItsPlaceInTheSequenceWithoutChangingTheCallEvenAfterItEnded() {
        Call call = Calls.acceptedOutbound(Provider.EVO_GO, T0.plusSeconds(2));
        long before = call.snapshot().eventSequence();

        List<CallEvent> played = call.notePlayFinished("play_1", "finished", T0.plusSeconds(10));
        call.terminate(T0.plusSeconds(20));
        List<CallEvent> stoppedAfterEnd = call.notePlayFinished("play_2", "stopped", T0.plusSeconds(21));

        assertThat(played).singleElement().isInstanceOfSatisfying(CallEvent.PlayFinished.class, event -> {
            assertThat(event.sequence()).isEqualTo(before + 1);
            assertThat(event.playId()).isEqualTo("play_1");
            assertThat(event.outcome()).isEqualTo("finished");
            assertThat(event.call().status()).isEqualTo(CallStatus.ACCEPTED);
        });
        assertThat(stoppedAfterEnd).singleElement().isInstanceOfSatisfying(CallEvent.PlayFinished.class, event -> {
            assertThat(event.sequence()).isEqualTo(before + 3);
            assertThat(event.call().status()).isEqualTo(CallStatus.COMPLETED);
        });
        assertThat(call.status()).isEqualTo(CallStatus.COMPLETED);
    }

    @Test
    void aMetaCallHasNoPlays() {
        Call call = Calls.acceptedOutbound(Provider.META, T0.plusSeconds(2));
        long before = call.snapshot().eventSequence();

        assertThatThrownBy(() -> call.notePlayFinished("play_1", "finished", T0.plusSeconds(3)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(call.snapshot().eventSequence()).isEqualTo(before);
    }

    @Test
    void eventsCarryTheCallAsItWasAtThatTransition() {
        Call call = Calls.initiatedOutbound(Provider.EVO_GO);

        CallEvent ringing = call.noteRinging(T0.plusSeconds(1)).getFirst();
        call.noteAnswered(T0.plusSeconds(2));

        assertThat(ringing.call().status()).isEqualTo(CallStatus.RINGING);
        assertThat(ringing.call().connectedAt()).isNull();
        assertThat(ringing.occurredAt()).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void theProvidersDurationWinsOverTheMeasuredOne() {
        Call call = Calls.ringingInbound(Provider.EVO_GO);
        call.answer(null, T0.plusSeconds(3));

        CallSnapshot after = call.noteEnded(EndCause.HANGUP, 42, T0.plusSeconds(50)).getFirst().call();

        assertThat(after.status()).isEqualTo(CallStatus.COMPLETED);
        assertThat(after.durationSeconds()).isEqualTo(42);
    }

    @Test
    void anInboundOfferAnnouncesItselfAsRinging() {
        Call.Opened opened = Call.receiveInbound("call_9", Calls.number(Provider.EVO_GO), "ext-9", "+5511900000000",
                "5511900000000@s.whatsapp.net", null, T0.minusSeconds(1), T0);

        assertThat(opened.call().status()).isEqualTo(CallStatus.RINGING);
        assertThat(opened.call().direction()).isEqualTo(Direction.INBOUND);
        assertThat(opened.events()).singleElement().isInstanceOf(CallRinging.class)
                .extracting(CallEvent::sequence).isEqualTo(1L);
        assertThat(opened.call().snapshot().startedAt()).isEqualTo(T0.minusSeconds(1));
    }

    @ParameterizedTest(name = "{0} {1} ended by provider ({2}) → {3} / {4}")
    @CsvSource({
        "OUTBOUND, INITIATED, HANGUP, COMPLETED, CANCELLED",
        "OUTBOUND, RINGING, HANGUP, COMPLETED, CANCELLED",
        "OUTBOUND, RINGING, DECLINED, REJECTED, REJECTED",
        "OUTBOUND, RINGING, TIMEOUT, FAILED, NO_ANSWER",
        "OUTBOUND, ACCEPTED, DECLINED, COMPLETED, HANGUP",
        "OUTBOUND, ACCEPTED, TIMEOUT, COMPLETED, HANGUP",
        "INBOUND, RINGING, HANGUP, MISSED, CANCELLED",
        "INBOUND, RINGING, TIMEOUT, MISSED, NO_ANSWER",
        "INBOUND, RINGING, DECLINED, REJECTED, REJECTED",
        "INBOUND, ACCEPTED, HANGUP, COMPLETED, HANGUP",
        "OUTBOUND, RINGING, FAILURE, FAILED, PROVIDER_ERROR",
        "OUTBOUND, ACCEPTED, FAILURE, FAILED, PROVIDER_ERROR",
        "INBOUND, RINGING, FAILURE, FAILED, PROVIDER_ERROR",
    })
    void aProviderEndIsReadInTheLightOfTheCallsState(Direction direction, CallStatus from, EndCause cause,
            CallStatus to, EndReason reason) {
        Call call = Calls.inState(direction, from, Provider.EVO_GO);

        List<CallEvent> events = call.noteEnded(cause, null, T0.plusSeconds(30));

        assertThat(call.status()).isEqualTo(to);
        assertThat(call.snapshot().endReason()).isEqualTo(reason);
        assertThat(events).singleElement()
                .isInstanceOf(to == CallStatus.MISSED ? CallMissed.class : CallEnded.class);
        assertThat(events.getFirst().sequence()).isEqualTo(call.snapshot().eventSequence());
        assertThat(call.snapshot().durationSeconds()).isEqualTo(from == CallStatus.ACCEPTED ? 28 : null);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"OUTBOUND, INITIATED", "OUTBOUND, RINGING", "INBOUND, RINGING"})
    void anEndWithADurationReportsTheAnswerThatHasNotArrivedYet(Direction direction, CallStatus from) {
        Call call = Calls.inState(direction, from, Provider.EVO_GO);
        long before = call.snapshot().eventSequence();

        List<CallEvent> events = call.noteEnded(EndCause.HANGUP, 30, T0.plusSeconds(100));

        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isInstanceOf(CallConnected.class);
        assertThat(events.get(1)).isInstanceOf(CallEnded.class);
        assertThat(events).extracting(CallEvent::sequence).containsExactly(before + 1, before + 2);
        CallSnapshot after = call.snapshot();
        assertThat(after.status()).isEqualTo(CallStatus.COMPLETED);
        assertThat(after.endReason()).isEqualTo(EndReason.HANGUP);
        assertThat(after.connectedAt()).isEqualTo(T0.plusSeconds(70));
        assertThat(after.durationSeconds()).isEqualTo(30);
        assertThat(call.permits(Trigger.PEER_ANSWERED)).isFalse(); // the late answer will change nothing
    }

    @Test
    void ringingTooLongFailsAnOutboundCallAndMissesAnInboundOne() {
        Call outbound = Calls.ringingOutbound(Provider.EVO_GO);
        Call inbound = Calls.ringingInbound(Provider.EVO_GO);

        assertThat(outbound.timeOut(T0.plusSeconds(90))).singleElement().isInstanceOf(CallEnded.class);
        assertThat(inbound.timeOut(T0.plusSeconds(60))).singleElement().isInstanceOf(CallMissed.class);
        assertThat(outbound.snapshot().status()).isEqualTo(CallStatus.FAILED);
        assertThat(outbound.snapshot().endReason()).isEqualTo(EndReason.NO_ANSWER);
        assertThat(inbound.snapshot().status()).isEqualTo(CallStatus.MISSED);
    }

    @Test
    void terminatingAnUnansweredOutboundCallCompletesItAsCancelled() {
        Call call = Calls.ringingOutbound(Provider.EVO_GO);

        call.terminate(T0.plusSeconds(10));

        assertThat(call.status()).isEqualTo(CallStatus.COMPLETED);
        assertThat(call.snapshot().endReason()).isEqualTo(EndReason.CANCELLED);
        assertThat(call.snapshot().durationSeconds()).isNull();
    }

    @Test
    void aFailureOfAnAnsweredCallKeepsItsDuration() {
        Call call = Calls.acceptedOutbound(Provider.EVO_GO, T0.plusSeconds(2));

        call.fail(EndReason.PROVIDER_ERROR, T0.plusSeconds(12));

        assertThat(call.snapshot().status()).isEqualTo(CallStatus.FAILED);
        assertThat(call.snapshot().endReason()).isEqualTo(EndReason.PROVIDER_ERROR);
        assertThat(call.snapshot().durationSeconds()).isEqualTo(10);
    }

    @Test
    void aTerminalCallRefusesEverythingAndKeepsItsSequence() {
        Call call = Calls.ringingInbound(Provider.EVO_GO);
        call.reject(T0.plusSeconds(1));
        long sequence = call.snapshot().eventSequence();

        assertThatThrownBy(() -> call.noteAnswered(T0.plusSeconds(2)))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("REJECTED");
        assertThatThrownBy(() -> call.terminate(T0.plusSeconds(2))).isInstanceOf(IllegalTransitionException.class);
        assertThat(call.snapshot().eventSequence()).isEqualTo(sequence);
        assertThat(call.status()).isEqualTo(CallStatus.REJECTED);
    }

    @Test
    void onlyInboundCallsCanBeAcceptedOrRejected() {
        Call outbound = Calls.ringingOutbound(Provider.EVO_GO);

        assertThat(outbound.permits(Trigger.ACCEPT)).isFalse();
        assertThatThrownBy(() -> outbound.answer(null, T0)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> outbound.reject(T0)).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void preAcceptKeepsAMetaCallRingingSilentlyAndIsNotAnEvoGoAction() {
        Call meta = Calls.ringingInbound(Provider.META);
        Call go = Calls.ringingInbound(Provider.EVO_GO);

        assertThat(meta.preAccept("v=0 answer", T0.plusSeconds(1))).isEmpty();
        assertThat(meta.status()).isEqualTo(CallStatus.RINGING);
        assertThat(meta.snapshot().sdpAnswer()).isEqualTo("v=0 answer");
        assertThatThrownBy(() -> go.preAccept("v=0", T0)).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void anAnsweredMetaBusinessCallIsBilledByPulse() {
        Call call = Calls.acceptedOutbound(Provider.META, T0.plusSeconds(4));

        assertThat(call.snapshot().billing()).isEmpty(); // not before it ended
        CallSnapshot ended = call.terminate(T0.plusSeconds(60)).getFirst().call();

        assertThat(ended.durationSeconds()).isEqualTo(56);
        assertThat(ended.billing()).contains(new Billing(10, 60));
    }

    @Test
    void noBillingForEvoGoInboundOrUnansweredCalls() {
        Call go = Calls.acceptedOutbound(Provider.EVO_GO, T0.plusSeconds(4));
        go.terminate(T0.plusSeconds(60));
        Call metaInbound = Calls.ringingInbound(Provider.META);
        metaInbound.answer("v=0", T0.plusSeconds(1));
        metaInbound.terminate(T0.plusSeconds(30));
        Call metaUnanswered = Calls.ringingOutbound(Provider.META);
        metaUnanswered.terminate(T0.plusSeconds(30));

        assertThat(go.snapshot().billing()).isEmpty();
        assertThat(metaInbound.snapshot().billing()).isEmpty();
        assertThat(metaUnanswered.snapshot().billing()).isEmpty();
    }

    @Test
    void aCallKeepsTheProviderIdItWasGiven() {
        Call call = Calls.initiatedOutbound(Provider.EVO_GO);

        call.noteProviderAccepted("ext-1", T0); // the same again is fine
        assertThatThrownBy(() -> call.noteProviderAccepted("other", T0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onlyAnOutboundCallThatTimedOutBeforeTheProviderNamedItWaitsForALateProviderId() {
        Call timedOut = Call.placeOutbound("call_1", Calls.number(Provider.META), "+5511999990000", null, "v=0", T0);
        assertThat(timedOut.gaveUpBeforeProviderNamedIt()).as("still placing").isFalse();
        timedOut.fail(EndReason.PROVIDER_TIMEOUT, T0.plusSeconds(5));
        assertThat(timedOut.gaveUpBeforeProviderNamedIt()).isTrue();

        Call refused = Call.placeOutbound("call_2", Calls.number(Provider.META), "+5511999990000", null, "v=0", T0);
        refused.fail(EndReason.PROVIDER_ERROR, T0.plusSeconds(1));
        assertThat(refused.gaveUpBeforeProviderNamedIt()).as("the provider said no: no call there").isFalse();

        Call named = Calls.initiatedOutbound(Provider.META);
        named.fail(EndReason.PROVIDER_TIMEOUT, T0.plusSeconds(5));
        assertThat(named.gaveUpBeforeProviderNamedIt()).as("already has the provider's id").isFalse();
    }

    @Test
    void theAcceptSdpMustEqualThePreAcceptedOne() {
        Call call = Calls.ringingInbound(Provider.META);
        assertThat(call.answerConflict("v=0 anything")).isEmpty(); // not pre-accepted: any answer

        call.preAccept("v=0 answer", T0.plusSeconds(1));

        assertThat(call.answerConflict("v=0 answer")).isEmpty();
        assertThat(call.answerConflict("v=0 different")).isPresent();
        assertThat(call.answerSdp(null)).isEqualTo("v=0 answer"); // accept without SDP reuses it
    }

    @Test
    void metasAnswerToABusinessCallIsKeptWithoutATransition() {
        Call call = Calls.initiatedOutbound(Provider.META);

        call.noteRemoteAnswer("v=0 meta answer", T0.plusSeconds(1));

        assertThat(call.status()).isEqualTo(CallStatus.INITIATED);
        assertThat(call.snapshot().sdpAnswer()).isEqualTo("v=0 meta answer");
        assertThat(call.snapshot().eventSequence()).isZero();
    }

    @Test
    void aProviderFailureEndsWithTheProvidersCodeWhenItGaveOne() {
        Call coded = Calls.acceptedOutbound(Provider.META, T0.plusSeconds(2));
        Call generic = Calls.ringingOutbound(Provider.META);

        CallSnapshot failed = coded.noteEnded(EndCause.FAILURE, 20, EndReason.valueOf("META_138021"),
                T0.plusSeconds(22)).getFirst().call();
        CallSnapshot plain = generic.noteEnded(EndCause.FAILURE, null, null, T0.plusSeconds(5)).getFirst().call();

        assertThat(failed.status()).isEqualTo(CallStatus.FAILED);
        assertThat(failed.endReason().name()).isEqualTo("META_138021");
        assertThat(plain.endReason()).isEqualTo(EndReason.PROVIDER_ERROR);
    }

    /** Rows: what a business action finds already done, by the status the provider's reports left the call in. */
    @ParameterizedTest(name = "{0} on {1} -> already done: {2}")
    @CsvSource({
            "ACCEPT, ACCEPTED, true",
            "ACCEPT, RINGING, false",
            "ACCEPT, COMPLETED, false",
            "ACCEPT, MISSED, false",
            "PRE_ACCEPT, RINGING, true",
            "PRE_ACCEPT, ACCEPTED, false",
            "PRE_ACCEPT, MISSED, false",
            "REJECT, REJECTED, true",
            "REJECT, MISSED, true",
            "REJECT, COMPLETED, true",
            "REJECT, ACCEPTED, false",
            "TERMINATE, COMPLETED, true",
            "TERMINATE, FAILED, true",
            "TERMINATE, REJECTED, true",
            "TERMINATE, RINGING, false",
            "TERMINATE, ACCEPTED, false"})
    void theAggregateSaysWhatAnActionFindsAlreadyDone(Trigger action, CallStatus status, boolean done) {
        Call call = Call.restore(new CallSnapshot("call_1", Calls.number(Provider.META), Direction.INBOUND,
                Peer.of("+5511999990000"), "wacid.1", null,
                new Progress(status, status.isTerminal() ? EndReason.HANGUP : null, null), Sdp.offered(null),
                Timeline.started(T0, T0), new Revision(1, 1)));

        assertThat(call.alreadyDone(action)).isEqualTo(done);
    }

    @ParameterizedTest
    @CsvSource({"PROVIDER_RINGING", "PEER_ANSWERED", "HUNG_UP", "FAILURE", "RING_TIMEOUT", "DECLINED"})
    void onlyBusinessActionsCanBeAlreadyDone(Trigger providerTrigger) {
        assertThatThrownBy(() -> Calls.initiatedOutbound(Provider.EVO_GO).alreadyDone(providerTrigger))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reconcilingAnAnsweredCallCompletesItAsSignalLostWithTheProvidersDuration() {
        Call call = Calls.acceptedOutbound(Provider.EVO_GO, T0.plusSeconds(2));
        long before = call.snapshot().eventSequence();

        List<CallEvent> ended = call.reconcile(42, T0.plusSeconds(900));

        assertThat(ended).singleElement().isInstanceOf(CallEnded.class)
                .extracting(CallEvent::sequence).isEqualTo(before + 1);
        CallSnapshot after = ended.getFirst().call();
        assertThat(after.status()).isEqualTo(CallStatus.COMPLETED);
        assertThat(after.endReason()).isEqualTo(EndReason.SIGNAL_LOST);
        assertThat(after.durationSeconds()).isEqualTo(42);
        assertThat(after.endedAt()).isEqualTo(T0.plusSeconds(900));
    }

    @Test
    void reconcilingUnansweredCallsFailsOutboundAndMissesInbound() {
        Call outbound = Calls.ringingOutbound(Provider.META);
        Call inbound = Calls.ringingInbound(Provider.META);

        assertThat(outbound.reconcile(null, T0.plusSeconds(400))).singleElement().isInstanceOf(CallEnded.class);
        assertThat(inbound.reconcile(null, T0.plusSeconds(400))).singleElement().isInstanceOf(CallMissed.class);

        assertThat(outbound.status()).isEqualTo(CallStatus.FAILED);
        assertThat(outbound.snapshot().endReason()).isEqualTo(EndReason.SIGNAL_LOST);
        assertThat(outbound.snapshot().durationSeconds()).isNull();
        assertThat(inbound.status()).isEqualTo(CallStatus.MISSED);
        assertThat(inbound.snapshot().endReason()).isEqualTo(EndReason.SIGNAL_LOST);
    }

    @Test
    void anEndedCallCannotBeReconciled() {
        Call call = Calls.acceptedOutbound(Provider.EVO_GO, T0.plusSeconds(2));
        call.terminate(T0.plusSeconds(10));

        assertThat(call.permits(Trigger.RECONCILED)).isFalse();
        assertThatThrownBy(() -> call.reconcile(null, T0.plusSeconds(20)))
                .isInstanceOf(IllegalTransitionException.class);
    }
}
