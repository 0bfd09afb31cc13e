package io.ringline.gateway.ingress;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** {@code ringline.gateway.provider.webhooks{provider, outcome}}: provider webhooks received, by what became of them. */
@Component
public class ProviderWebhookMetrics {

    public static final String NAME = "ringline.gateway.provider.webhooks";

    /** What became of one provider webhook. */
    public enum Outcome {
        /** authenticated and durably queued */
        ACCEPTED,
        /** authenticated, but an event Ringline does not use */
        IGNORED,
        /** unknown account or wrong secret */
        UNAUTHORIZED,
        /** not the provider's format */
        INVALID,
        /** could not be queued (broker unavailable); the provider will retry */
        FAILED
    }

    private final MeterRegistry meters;

    /** Every provider and outcome exists from start-up at zero (dashboards show 0, not "No data"). */
    ProviderWebhookMetrics(MeterRegistry meters) {
        this.meters = meters;
        for (String provider : java.util.List.of("META", "EVO_GO")) {
            for (Outcome outcome : Outcome.values()) {
                counter(provider, outcome);
            }
        }
    }

    public void count(String provider, Outcome outcome) {
        counter(provider, outcome).increment();
    }

    private Counter counter(String provider, Outcome outcome) {
        return Counter.builder(NAME)
                .description("Provider webhooks received, by outcome")
                .tag("provider", provider)
                .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
                .register(meters);
    }
}
