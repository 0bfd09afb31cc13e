package io.ringline.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The calls ledger balances only when every offered call was answered and every accepted call's webhooks came. */
class CallLedgerTest {

    private final CallLedger ledger = new CallLedger();

    @Test
    void aCallWithItsThreeWebhooksCompletesWhicheverArrivesFirst() {
        ledger.offered();
        webhook("call.ringing", "call_1"); // before the POST's answer
        ledger.accepted("call_1");
        webhook("call.connected", "call_1");
        webhook("call.ended", "call_1");

        CallLedger.Tally tally = ledger.tally();
        assertThat(tally.completed()).isEqualTo(1);
        assertThat(tally.missing()).isZero();
        assertThat(tally.balanced()).isTrue();
    }

    @Test
    void aMissingWebhookOrAnUnansweredCallUnbalancesTheBooks() {
        ledger.offered();
        ledger.accepted("call_1");
        webhook("call.ringing", "call_1");
        webhook("call.connected", "call_1");
        ledger.offered(); // never answered: neither accepted nor failed

        CallLedger.Tally tally = ledger.tally();
        assertThat(tally.missing()).isEqualTo(1);
        assertThat(tally.completed()).isZero();
        assertThat(tally.balanced()).isFalse();
    }

    @Test
    void duplicatesAndFailuresAreCountedWithoutBreakingTheBalance() {
        ledger.offered();
        ledger.failed();
        ledger.offered();
        ledger.accepted("call_2");
        for (String event : new String[] {"call.ringing", "call.ringing", "call.connected", "call.ended"}) {
            webhook(event, "call_2");
        }
        webhook("call.ended", "call_from_a_failed_post");

        CallLedger.Tally tally = ledger.tally();
        assertThat(tally.duplicates()).isEqualTo(1);
        assertThat(tally.unmatched()).isEqualTo(1);
        assertThat(tally.balanced()).isTrue();
    }

    @Test
    void missingWebhooksAreExcusedOnlyUpToTheProviderWebhooksTheGatewayRefused() {
        for (String call : new String[] {"call_1", "call_2"}) {
            ledger.offered();
            ledger.accepted(call);
            webhook("call.connected", call); // GO's CallRinging refused with 503 and never retried
            webhook("call.ended", call);
        }

        assertThat(ledger.tally(2).missing()).isEqualTo(2);
        assertThat(ledger.tally(2).balanced()).isTrue();
        assertThat(ledger.tally(1).balanced()).as("one missing webhook has no refusal to explain it").isFalse();
        assertThat(ledger.tally().balanced()).isFalse();
    }

    private void webhook(String event, String callId) {
        byte[] body = ("{\"id\":\"evt_x\",\"event\":\"" + event + "\",\"callId\":\"" + callId + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        ledger.handle("/calls/0", new DefaultHttpHeaders(), body, System.nanoTime());
    }
}
