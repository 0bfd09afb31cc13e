package io.ringline.bench.scenario;

import io.ringline.bench.BenchConfig;
import io.ringline.bench.report.Num;
import io.ringline.bench.report.StepReport;
import java.util.List;

/**
 * Which step of a rising-rate ramp its latency targets are read at: the 500/s step, else the highest sustained one,
 * else — nothing sustained — the first, which still tells what an operation costs; the label says which.
 *
 * @param index the step's index in the ramp, -1 when no step was run
 */
record ReferenceStep(int index, CallsReport.ReferencePoint point) {

    static ReferenceStep of(List<StepReport> steps) {
        int highest = -1;
        while (highest + 1 < steps.size() && steps.get(highest + 1).sustained()) {
            highest++;
        }
        int at500 = -1;
        for (int i = 0; i < steps.size() && at500 < 0; i++) {
            Double offered = steps.get(i).offeredPerSec();
            if (offered != null && Math.abs(offered - BenchConfig.REFERENCE_RATE) < 1) {
                at500 = i;
            }
        }
        int index = at500 >= 0 ? at500 : highest >= 0 ? highest : steps.isEmpty() ? -1 : 0;
        if (index < 0) {
            return new ReferenceStep(-1, new CallsReport.ReferencePoint(null, false, null, null, "no step was run"));
        }
        StepReport s = steps.get(index);
        String label = at500 >= 0 ? "at 500/s" : "at " + Num.text(s.offeredPerSec()) + "/s (500/s not reached"
                + (highest < 0 ? "; not sustained: " + s.verdict() : "") + ")";
        return new ReferenceStep(index, new CallsReport.ReferencePoint(s.offeredPerSec(), at500 >= 0, s.p50Ms(),
                s.p99Ms(), label));
    }

    /** The highest sustained rate: the last step of the unbroken run of sustained steps from the bottom. */
    static Double highestSustained(List<StepReport> steps) {
        return steps.stream().takeWhile(StepReport::sustained).reduce((a, b) -> b).map(StepReport::offeredPerSec)
                .orElse(null);
    }
}
