package io.ringline.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The actions ledger: a call is ready for its terminate only once connected, and the books balance only when every
 * terminate was answered and every call a terminate ended said so by {@code call.ended}.
 */
class ActionLedgerTest {

    private final ActionLedger ledger = new ActionLedger();

    @Test
    void aCallIsReadyOnceConnectedWhicheverArrivesFirstThePostsAnswerOrTheWebhook() {
        webhook("call.connected", "call_1"); // before the POST's answer
        ledger.placed("call_1");
        ledger.placed("call_2");
        webhook("call.ringing", "call_2");

        assertThat(ledger.connected("call_1")).isTrue();
        assertThat(ledger.connected("call_2")).isFalse();
        assertThat(ledger.connectedCount()).isEqualTo(1);
    }

    @Test
    void aTerminatedCallWhoseEndCameBalancesTheBooks() {
        prepared("call_1");
        ledger.offered();
        webhook("call.ended", "call_1"); // may come before the terminate's answer
        ledger.terminated("call_1");

        ActionLedger.Tally tally = ledger.tally();
        assertThat(ledger.endedCount()).isEqualTo(1);
        assertThat(tally.missing()).isZero();
        assertThat(tally.endedEarly()).isZero();
        assertThat(tally.balanced()).isTrue();
    }

    @Test
    void aMissingEndOrAnUnansweredTerminateUnbalancesTheBooks() {
        prepared("call_1");
        ledger.offered();
        ledger.terminated("call_1"); // its call.ended never comes
        ActionLedger.Tally missingEnd = ledger.tally();
        assertThat(missingEnd.missing()).isEqualTo(1);
        assertThat(missingEnd.balanced()).isFalse();

        webhook("call.ended", "call_1");
        ledger.offered(); // never answered: neither 200 nor failed
        ActionLedger.Tally unanswered = ledger.tally();
        assertThat(unanswered.missing()).isZero();
        assertThat(unanswered.balanced()).isFalse();
    }

    @Test
    void aCallThatEndedBeforeItsTerminateIsCountedApartAndItsFailedTerminateStillBalances() {
        prepared("call_1");
        webhook("call.ended", "call_1"); // something else hung it up
        ledger.offered();
        ledger.failed(); // 409: the call had ended
        webhook("call.ended", "call_1");

        ActionLedger.Tally tally = ledger.tally();
        assertThat(tally.endedEarly()).isEqualTo(1);
        assertThat(tally.duplicates()).isEqualTo(1);
        assertThat(ledger.endedCount()).isZero();
        assertThat(tally.balanced()).isTrue();
    }

    private void prepared(String callId) {
        ledger.placed(callId);
        webhook("call.ringing", callId);
        webhook("call.connected", callId);
    }

    private void webhook(String event, String callId) {
        byte[] body = ("{\"id\":\"evt_" + event + callId + "\",\"event\":\"" + event + "\",\"callId\":\"" + callId
                + "\"}").getBytes(StandardCharsets.UTF_8);
        ledger.handle("/actions/0", new DefaultHttpHeaders(), body, System.nanoTime());
    }
}
