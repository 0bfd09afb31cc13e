package io.ringline.gateway.calls.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** {@code ringline.gateway.command{command, outcome}}: time from producing a command to its reply (or giving up). */
final class CommandMetrics {

    static final String NAME = "ringline.gateway.command";

    private final MeterRegistry meters;

    /** Each command's successful timer exists from start-up (empty), so latency panels have a series to show. */
    CommandMetrics(MeterRegistry meters) {
        this.meters = meters;
        for (String command : java.util.List.of("place", "pre_accept", "accept", "reject", "terminate")) {
            timer(command, "ok");
        }
    }

    /** @param outcome ok | error (the reply was an error) | timeout | unavailable (broker refused) */
    void record(String command, String outcome, Duration elapsed) {
        timer(command, outcome).record(elapsed);
    }

    private Timer timer(String command, String outcome) {
        return Timer.builder(NAME)
                .description("Commands to the signaling service, from produce to reply")
                .tag("command", command)
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(meters);
    }
}
