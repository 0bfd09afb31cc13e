package io.ringline.bench.limits;

import io.ringline.bench.load.RunResult;
import io.ringline.bench.report.Num;
import java.util.Map;

/**
 * How fast one bare part of the platform's stack goes on this machine, alone: operations per second at
 * saturation ({@code concurrency} in flight), their latency, and the CPU each operation cost per component.
 */
public record LimitReport(String what, Double ratePerSec, Double p50Ms, Double p99Ms, int concurrency, long errors,
        Map<String, Double> cpuMsPerOp) {

    static LimitReport of(String what, RunResult run, int concurrency, Map<String, Double> cpuMsPerOp) {
        return new LimitReport(what, Num.round(run.achievedPerSec(), 1), Num.round(run.latency().p50Ms()),
                Num.round(run.latency().p99Ms()), concurrency, run.errorCount(), cpuMsPerOp);
    }
}
