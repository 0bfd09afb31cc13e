package io.ringline.bench.observe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Only Evolution GO's attempts the gateway did not take count: not Meta's (Meta retries), not delivered ones. */
class RefusedProviderWebhooksTest {

    @Test
    void countsEvolutionGoAttemptsRejectedOrUnansweredOnly() {
        String text = """
                # HELP ringline_sandbox_webhooks_sent_total Webhook delivery attempts by the simulated providers
                # TYPE ringline_sandbox_webhooks_sent_total counter
                ringline_sandbox_webhooks_sent_total{application="provider-sandbox",outcome="delivered",provider="evo_go"} 900.0
                ringline_sandbox_webhooks_sent_total{application="provider-sandbox",outcome="rejected",provider="evo_go"} 21.0
                ringline_sandbox_webhooks_sent_total{application="provider-sandbox",outcome="failed",provider="evo_go"} 5.0
                ringline_sandbox_webhooks_sent_total{application="provider-sandbox",outcome="dropped",provider="evo_go"} 7.0
                ringline_sandbox_webhooks_sent_total{application="provider-sandbox",outcome="rejected",provider="meta"} 3.0
                """;

        assertThat(RefusedProviderWebhooks.count(text)).isEqualTo(26);
        assertThat(RefusedProviderWebhooks.count("")).isZero();
    }
}
