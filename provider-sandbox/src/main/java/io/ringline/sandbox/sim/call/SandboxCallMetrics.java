package io.ringline.sandbox.sim.call;

import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Counts calls the simulated providers created ({@code ringline.sandbox.calls{provider,direction}}). */
@Component
public class SandboxCallMetrics {

    private final MeterRegistry registry;

    public SandboxCallMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void callCreated(SimulatedProvider provider, CallDirection direction) {
        Counter.builder("ringline.sandbox.calls")
                .description("Calls created by the simulated providers")
                .tag("provider", provider.tag())
                .tag("direction", direction.name().toLowerCase(Locale.ROOT))
                .register(registry)
                .increment();
    }
}
