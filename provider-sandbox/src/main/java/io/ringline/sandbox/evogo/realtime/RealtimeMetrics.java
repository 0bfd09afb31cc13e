package io.ringline.sandbox.evogo.realtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Counts realtime WebSocket attempts ({@code ringline.sandbox.realtime.sessions{mode, outcome=opened|refused}});
 * {@code mode} is {@code none} on refusals, which are decided before the session's mode matters.
 */
@Component
public class RealtimeMetrics {

    private final MeterRegistry registry;

    public RealtimeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void opened(RealtimeMode mode) {
        count(mode.wireName(), "opened");
    }

    public void refused() {
        count("none", "refused");
    }

    private void count(String mode, String outcome) {
        Counter.builder("ringline.sandbox.realtime.sessions")
                .description("Realtime audio WebSocket attempts on the simulated Evolution GO")
                .tag("mode", mode)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }
}
