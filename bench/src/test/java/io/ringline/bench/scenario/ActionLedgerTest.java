package io.ringline.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The actions ledger, for both kinds: a call is ready for a terminate only once connected, for an accept once it
 * rang; the books balance only when every action was answered and every call an action succeeded on said so by the
 * kind's done webhook ({@code call.ended}, {@code call.connected}).
 */
class ActionLedgerTest {

    private final ActionLedger ledger = new ActionLedger(ActionKind.TERMINATE);
    private final ActionLedger accepts = new ActionLedger(ActionKind.ACCEPT);

    @Test
    void aCallIsReadyOnceConnectedWhicheverArrivesFirstThePostsAnswerOrTheWebhook() {
        webhook(ledger, "call.connected", "call_1"); // before the POST's answer
        ledger.placed("call_1");
        ledger.placed("call_2");
        webhook(ledger, "call.ringing", "call_2");

        assertThat(ledger.ready("call_1")).isTrue();
        assertThat(ledger.ready("call_2")).isFalse();
        assertThat(ledger.readyCount()).isEqualTo(1);
        assertThat(ledger.takeRinging(10)).as("a terminate's calls are not queued as ringing").isEmpty();
    }

    @Test
    void aTerminatedCallWhoseEndCameBalancesTheBooks() {
        prepared("call_1");
        ledger.offered();
        webhook(ledger, "call.ended", "call_1"); // may come before the terminate's answer
        ledger.succeeded("call_1");

        ActionLedger.Tally tally = ledger.tally();
        assertThat(ledger.doneCount()).isEqualTo(1);
        assertThat(ledger.finishedCount()).isEqualTo(1);
        assertThat(tally.missing()).isZero();
        assertThat(tally.endedEarly()).isZero();
        assertThat(tally.balanced()).isTrue();
    }

    @Test
    void aMissingEndOrAnUnansweredTerminateUnbalancesTheBooks() {
        prepared("call_1");
        ledger.offered();
        ledger.succeeded("call_1"); // its call.ended never comes
        ActionLedger.Tally missingEnd = ledger.tally();
        assertThat(missingEnd.missing()).isEqualTo(1);
        assertThat(missingEnd.balanced()).isFalse();

        webhook(ledger, "call.ended", "call_1");
        ledger.offered(); // never answered: neither 200 nor failed
        ActionLedger.Tally unanswered = ledger.tally();
        assertThat(unanswered.missing()).isZero();
        assertThat(unanswered.balanced()).isFalse();
    }

    @Test
    void aCallThatEndedBeforeItsTerminateIsCountedApartAndItsFailedTerminateStillBalances() {
        prepared("call_1");
        webhook(ledger, "call.ended", "call_1"); // something else hung it up
        ledger.offered();
        ledger.failed(); // 409: the call had ended
        webhook(ledger, "call.ended", "call_1");

        ActionLedger.Tally tally = ledger.tally();
        assertThat(tally.endedEarly()).isEqualTo(1);
        assertThat(tally.duplicates()).isEqualTo(1);
        assertThat(ledger.doneCount()).isZero();
        assertThat(tally.balanced()).isTrue();
    }

    @Test
    void inboundCallsAreHandedOverOnceEachOldestFirstWithTheProvidersIdTheSandboxAnswered() {
        webhook(accepts, "call.ringing", "call_1", "go_1");
        webhook(accepts, "call.ringing", "call_2", "go_2");
        webhook(accepts, "call.ringing", "call_1", "go_1"); // a duplicate delivery is not a second call

        assertThat(accepts.readyCount()).isEqualTo(2);
        assertThat(accepts.takeRinging(1)).containsExactly(new ActionLedger.Ringing("call_1", "go_1"));
        assertThat(accepts.takeRinging(5)).containsExactly(new ActionLedger.Ringing("call_2", "go_2"));
        assertThat(accepts.takeRinging(5)).isEmpty();
        assertThat(accepts.tally().duplicates()).isEqualTo(1);
    }

    @Test
    void anAcceptedCallIsDoneWhenConnectedAndFinishedWhenItsCallerHangsUpLater() {
        webhook(accepts, "call.ringing", "call_1", "go_1");
        accepts.rangIn();
        accepts.offered();
        accepts.succeeded("call_1");
        assertThat(accepts.tally().missing()).as("accepted, not connected yet").isEqualTo(1);

        webhook(accepts, "call.connected", "call_1", "go_1");
        assertThat(accepts.doneCount()).isEqualTo(1);
        assertThat(accepts.finishedCount()).isZero();
        webhook(accepts, "call.ended", "call_1", "go_1");

        ActionLedger.Tally tally = accepts.tally();
        assertThat(accepts.finishedCount()).isEqualTo(1);
        assertThat(tally.placed()).isEqualTo(1);
        assertThat(tally.missing()).isZero();
        assertThat(tally.endedEarly()).isZero();
        assertThat(tally.balanced()).isTrue();
    }

    @Test
    void aCallMissedBeforeItsAcceptIsCountedApartAndItsFailedAcceptStillBalances() {
        webhook(accepts, "call.ringing", "call_1", "go_1");
        webhook(accepts, "call.missed", "call_1", "go_1"); // rang out before the accept
        accepts.offered();
        accepts.failed(); // 409: the call was missed

        ActionLedger.Tally tally = accepts.tally();
        assertThat(tally.endedEarly()).isEqualTo(1);
        assertThat(accepts.doneCount()).isZero();
        assertThat(tally.balanced()).isTrue();
    }

    private void prepared(String callId) {
        ledger.placed(callId);
        webhook(ledger, "call.ringing", callId);
        webhook(ledger, "call.connected", callId);
    }

    private static void webhook(ActionLedger ledger, String event, String callId) {
        webhook(ledger, event, callId, null);
    }

    private static void webhook(ActionLedger ledger, String event, String callId, String externalCallId) {
        String external = externalCallId == null ? "" : ",\"externalCallId\":\"" + externalCallId + "\"";
        byte[] body = ("{\"id\":\"evt_" + event + callId + "\",\"event\":\"" + event + "\",\"callId\":\"" + callId
                + "\"" + external + "}").getBytes(StandardCharsets.UTF_8);
        ledger.handle("/actions/0", new DefaultHttpHeaders(), body, System.nanoTime());
    }
}
