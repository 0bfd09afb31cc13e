package io.ringline.gateway.calls.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** {@code ringline.gateway.command{command, outcome}}: time from producing a command to its reply (or giving up). */
final class CommandMetrics {

    static final String NAME = "ringline.gateway.command";

    private final MeterRegistry meters;

    CommandMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /** @param outcome ok | error (the reply was an error) | timeout | unavailable (broker refused) */
    void record(String command, String outcome, Duration elapsed) {
        Timer.builder(NAME)
                .description("Commands to the signaling service, from produce to reply")
                .tag("command", command)
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(meters)
                .record(elapsed);
    }
}
