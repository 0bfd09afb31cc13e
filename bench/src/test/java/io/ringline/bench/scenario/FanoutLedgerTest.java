package io.ringline.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.ringline.bench.BenchConfig;
import io.ringline.bench.load.Latencies;
import io.ringline.bench.receiver.LoopbackWebhookReceivers;
import org.junit.jupiter.api.Test;

/** The mixed run's endpoints: 0 fails, 1 is slow, the rest are healthy and must each get every event. */
class FanoutLedgerTest {

    @Test
    void playsFailingSlowAndHealthyEndpointsAndCountsOnlyHealthyOnesAsExpected() {
        FanoutLedger ledger = new FanoutLedger(true);
        Latencies healthy = new Latencies();
        ledger.produced("evt_1", System.nanoTime(), healthy);

        assertThat(deliver(ledger, 0, "evt_1").status()).isEqualTo(500);
        assertThat(deliver(ledger, 1, "evt_1")).isEqualTo(new LoopbackWebhookReceivers.Answer(200, BenchConfig.SLOW_ENDPOINT));
        for (int endpoint = 2; endpoint < BenchConfig.ENDPOINTS_PER_TENANT - 1; endpoint++) {
            assertThat(deliver(ledger, endpoint, "evt_1")).isEqualTo(LoopbackWebhookReceivers.Answer.OK);
        }
        deliver(ledger, 2, "evt_1");

        FanoutLedger.Tally tally = ledger.tally();
        assertThat(tally.healthyExpected()).isEqualTo(8);
        assertThat(tally.healthyDelivered()).isEqualTo(7);
        assertThat(tally.missing()).isEqualTo(1);
        assertThat(tally.duplicates()).isEqualTo(1);
        assertThat(tally.failingAttempts()).isEqualTo(1);
        assertThat(tally.slowDelivered()).isEqualTo(1);
        assertThat(healthy.count()).isEqualTo(7);
    }

    private static LoopbackWebhookReceivers.Answer deliver(FanoutLedger ledger, int endpoint, String eventId) {
        return ledger.handle("/fanout-mixed/0/" + endpoint, new DefaultHttpHeaders().add("webhook-id", eventId),
                new byte[0], System.nanoTime());
    }
}
