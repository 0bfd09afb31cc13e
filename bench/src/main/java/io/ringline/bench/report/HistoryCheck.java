package io.ringline.bench.report;

import io.ringline.bench.scenario.CallsReport;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Issue 8's "cost does not grow with history": a run on a seeded history ({@code ./bench.sh --history}) against the
 * last complete run on an empty database ({@code bench/results/latest.json}, read before this run started). The rate
 * compared is the highest sustained calls rate when both runs sustained one, otherwise the closed-loop rate of the
 * calls warm-up's last round (16 calls in flight: throughput at saturation); the CPU compared is the platform's CPU
 * per call (every process but the load generator) at each run's reference step. Met when the rate is at least 90 %
 * and the CPU per call at most 110 % of the empty run's.
 */
public final class HistoryCheck {

    static final String TARGET = "calls/s and CPU per call within 10 % with 1 M calls and 3 M deliveries stored";
    private static final String GENERATOR = "load generator";

    private HistoryCheck() {
    }

    /** Without a seeded history there is nothing to judge. */
    public static Results.TargetCheck notRun() {
        return new Results.TargetCheck(TARGET, "needs the seeded-history run (./bench.sh --history)",
                Targets.NOT_MEASURED);
    }

    /**
     * @param seeded    rows per table after seeding ({@code signaling.calls}, {@code fanout.delivery}, …)
     * @param calls     this run's calls scenario
     * @param emptyRun  {@code scenarios.calls} of the empty-database run, or null when there is none
     */
    public static Results.TargetCheck judge(Map<String, Object> seeded, CallsReport calls, JsonNode emptyRun) {
        String stored = String.format("%,d calls and %,d deliveries stored", count(seeded, "signaling.calls"),
                count(seeded, "fanout.delivery"));
        if (calls == null) {
            return new Results.TargetCheck(TARGET, stored + "; calls scenario not run", Targets.NOT_MEASURED);
        }
        if (emptyRun == null || emptyRun.isMissingNode() || emptyRun.isNull()) {
            return new Results.TargetCheck(TARGET, stored + "; no empty-database run to compare with (run ./bench.sh "
                    + "first: bench/results/latest.json)", Targets.NOT_MEASURED);
        }
        boolean sustainedBoth = calls.maxSustainedPerSec() != null && emptyRun.path("maxSustainedPerSec").isNumber();
        double rateNow = sustainedBoth ? calls.maxSustainedPerSec()
                : calls.warmup() == null || calls.warmup().lastRoundPerSec() == null ? Double.NaN
                        : calls.warmup().lastRoundPerSec();
        double rateEmpty = sustainedBoth ? emptyRun.path("maxSustainedPerSec").asDouble()
                : emptyRun.path("warmup").path("lastRoundPerSec").asDouble(Double.NaN);
        if (Double.isNaN(rateNow) || Double.isNaN(rateEmpty)) {
            return new Results.TargetCheck(TARGET, stored + "; no comparable calls rate (neither run has a sustained "
                    + "step or a warm-up round in common)", Targets.NOT_MEASURED);
        }
        double cpuNow = platformCpu(calls.cpuMsPerCall());
        double cpuEmpty = 0;
        for (var entry : emptyRun.path("cpuMsPerCall").properties()) {
            if (!entry.getKey().equals(GENERATOR)) {
                cpuEmpty += entry.getValue().asDouble();
            }
        }
        double rateRatio = rateNow / rateEmpty;
        double cpuRatio = cpuNow / cpuEmpty;
        String measured = String.format("%s; %s %s/s vs %s/s empty (%.0f %%), platform CPU per call %s vs %s ms (%.0f %%)",
                stored, sustainedBoth ? "highest sustained" : "closed-loop", Num.text(rateNow), Num.text(rateEmpty),
                100 * rateRatio, Num.text(cpuNow), Num.text(cpuEmpty), 100 * cpuRatio);
        boolean met = rateRatio >= 0.9 && cpuRatio <= 1.1;
        return new Results.TargetCheck(TARGET, measured, met ? Targets.MET : Targets.NOT_MET);
    }

    private static double platformCpu(Map<String, Double> perProcess) {
        return perProcess == null ? Double.NaN : perProcess.entrySet().stream()
                .filter(e -> !e.getKey().equals(GENERATOR)).mapToDouble(Map.Entry::getValue).sum();
    }

    private static long count(Map<String, Object> seeded, String table) {
        return seeded.get(table) instanceof Number n ? n.longValue() : 0;
    }
}
