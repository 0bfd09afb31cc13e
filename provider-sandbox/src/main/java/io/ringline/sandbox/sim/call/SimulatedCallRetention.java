package io.ringline.sandbox.sim.call;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.ringline.sandbox.sim.CallTimingProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Forgets ended calls after the retention period so a sandbox used by a benchmark does not fill the heap. A short
 * retention (the benchmark sets one) is swept often enough to mean it: every quarter of it, at most once a minute.
 */
@Component
class SimulatedCallRetention implements SmartLifecycle {

    private static final Duration MAX_SWEEP_INTERVAL = Duration.ofMinutes(1);
    private static final Duration MIN_SWEEP_INTERVAL = Duration.ofSeconds(1);

    private final List<ProviderSimulator> simulators;
    private final CallTimingProperties timing;
    private final Clock clock;
    private volatile Disposable sweeper;

    SimulatedCallRetention(List<ProviderSimulator> simulators, CallTimingProperties timing, Clock clock) {
        this.simulators = simulators;
        this.timing = timing;
        this.clock = clock;
    }

    @Override
    public void start() {
        sweeper = Flux.interval(sweepInterval(timing.retention())).subscribe(tick -> sweep());
    }

    static Duration sweepInterval(Duration retention) {
        Duration quarter = retention.dividedBy(4);
        return quarter.compareTo(MAX_SWEEP_INTERVAL) > 0 ? MAX_SWEEP_INTERVAL
                : quarter.compareTo(MIN_SWEEP_INTERVAL) < 0 ? MIN_SWEEP_INTERVAL : quarter;
    }

    private void sweep() {
        var cutoff = clock.instant().minus(timing.retention());
        simulators.forEach(simulator -> simulator.forgetEndedBefore(cutoff));
    }

    @Override
    public void stop() {
        Disposable current = sweeper;
        if (current != null) {
            current.dispose();
        }
        sweeper = null;
    }

    @Override
    public boolean isRunning() {
        return sweeper != null;
    }
}
