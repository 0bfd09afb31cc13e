package io.ringline.bench.report;

import io.ringline.bench.limits.LimitReport;
import io.ringline.bench.scenario.ActionsReport;
import io.ringline.bench.scenario.CallsReport;
import io.ringline.bench.scenario.FanoutReport;
import io.ringline.bench.scenario.MediaReport;
import io.ringline.bench.scenario.SignalsReport;
import java.util.List;
import java.util.Map;

/**
 * Everything one benchmark run found — what {@code results.json} and {@code latest.json} hold.
 *
 * @param valid       false when a ledger did not balance or a service died: the figures are then not to be trusted
 * @param voidReasons why not
 */
public record Results(boolean valid, List<String> voidReasons, Map<String, Object> conditions,
        Map<String, LimitReport> limits, Scenarios scenarios, Map<String, ComponentReport> services,
        ComponentReport generator, List<TargetCheck> targets) {

    /** The scenarios (null: not run). */
    public record Scenarios(CallsReport calls, ActionsReport actions, ActionsReport accepts, SignalsReport signals,
            FanoutReport fanout, MediaReport media) {
    }

    /**
     * One process of the platform over the whole run: max heap used and time in GC pauses (services only), CPU when
     * idle before the run and over the run in percent of one core, CPU seconds, and the time its JIT compilers took
     * (JVMs only). {@code pid} -1 when not known (external platform).
     */
    public record ComponentReport(long pid, Double heapMaxMiB, Double gcPauseSeconds, Double idleCpuPct,
            Double cpuPct, Double cpuSeconds, Double jitSeconds) {
    }

    /** One of issue 8's (or issue 11's media) targets: what it asks, what was measured, met / not met / not measured. */
    public record TargetCheck(String target, String measured, String verdict) {
    }
}
