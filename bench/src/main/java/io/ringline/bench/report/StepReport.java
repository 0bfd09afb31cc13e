package io.ringline.bench.report;

import io.ringline.bench.load.RunResult;
import java.util.List;
import java.util.Map;

/**
 * One step of a rising-rate scenario: what was offered and achieved, the latency percentiles (from intended
 * starts), failures, whether the step counts as sustained and why not, and the CPU it cost per operation and in
 * percent of a core for every component.
 */
public record StepReport(Double offeredPerSec, Double achievedPerSec, long offered, long ok, long errors,
        Map<String, Long> errorsByKind, Double p50Ms, Double p90Ms, Double p99Ms, Double maxMs,
        Double senderLagP99Ms, boolean sustained, String verdict, Map<String, Double> cpuMsPerOp,
        Map<String, Double> cpuPct) {

    public static StepReport of(RunResult run, Double p50, Double p90, Double p99, Double max, boolean sustained,
            String verdict, Map<String, Double> cpuMsPerOp, Map<String, Double> cpuPct) {
        return new StepReport(Num.round(run.offeredPerSec(), 1), Num.round(run.achievedPerSec(), 1), run.offered(),
                run.ok(), run.errorCount(), run.errors(), p50, p90, p99, max, Num.round(run.senderLagP99Ms()),
                sustained, verdict, cpuMsPerOp, cpuPct);
    }

    /** The latencies of the run itself (the operations' own completion). */
    public static StepReport of(RunResult run, boolean sustained, String verdict, Map<String, Double> cpuMsPerOp,
            Map<String, Double> cpuPct) {
        return of(run, Num.round(run.latency().p50Ms()), Num.round(run.latency().p90Ms()),
                Num.round(run.latency().p99Ms()), Num.round(run.latency().maxMs()), sustained, verdict, cpuMsPerOp,
                cpuPct);
    }

    /**
     * What a ladder's "highest sustained rate" (the last step of the unbroken run of sustained steps from the bottom)
     * leaves out: the rates of steps sustained again above the first one that was not — one slow step on a saturated
     * machine can hide a sustained step above it, and the report says so instead of either rate standing alone.
     */
    public static List<Double> sustainedAboveAMiss(List<StepReport> steps) {
        return steps.stream().dropWhile(StepReport::sustained).filter(StepReport::sustained)
                .map(StepReport::offeredPerSec).toList();
    }
}
