package io.ringline.bench.report;

import io.ringline.bench.scenario.CallsReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Issue 8's "cost does not grow with history": a run on a seeded history ({@code ./bench.sh --history}) against an
 * empty-database run of the same code and mode ({@link EmptyRun}, read before this run started; the report names it). The rate
 * compared is the highest sustained calls rate when both runs sustained one, otherwise the closed-loop rate of the
 * calls warm-up's last round (16 calls in flight: throughput at saturation). The CPU compared is the platform's CPU
 * per call (every process but the load generator) <em>at the same offered rate</em>: at every rate both runs
 * sustained, the median of the per-rate ratios (each one listed) — CPU per call falls as the rate rises (the idle
 * cost is spread over more calls), so two runs' reference steps at different rates would compare the ladder, not the
 * history; and one step's transient (a step where even the gateway, which reads no history, moved) does not decide
 * alone. Without a rate both sustained, each run's reference step. Met when the rate is at least 90 % and the CPU per
 * call at most 110 % of the empty run's.
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
        Map<Double, Double> byRate = sameRateRatios(calls.steps(), emptyRun.path("steps"));
        double cpuRatio;
        String cpu;
        if (byRate.isEmpty()) {
            cpuRatio = cpuNow / cpuEmpty;
            cpu = String.format("platform CPU per call %s vs %s ms (%.0f %%)", Num.text(cpuNow), Num.text(cpuEmpty),
                    100 * cpuRatio);
        } else {
            cpuRatio = median(new ArrayList<>(byRate.values()));
            cpu = String.format("platform CPU per call %.0f %% of the empty run's (median over the rates both sustained: %s)",
                    100 * cpuRatio, byRate.entrySet().stream()
                            .map(e -> String.format("%s/s %.0f %%", rate(e.getKey()), 100 * e.getValue()))
                            .collect(Collectors.joining(", ")));
        }
        String against = emptyRun.path("comparedWith").isString()
                ? " (empty run: " + emptyRun.path("comparedWith").asString() + ")" : "";
        String measured = String.format("%s%s; %s %s/s vs %s/s empty (%.0f %%), %s",
                stored, against, sustainedBoth ? "highest sustained" : "closed-loop", Num.text(rateNow), Num.text(rateEmpty),
                100 * rateRatio, cpu);
        boolean met = rateRatio >= 0.9 && cpuRatio <= 1.1;
        return new Results.TargetCheck(TARGET, measured, met ? Targets.MET : Targets.NOT_MET);
    }

    /** Platform CPU per call of this run ÷ the empty run's, at each offered rate both sustained, by rate. */
    private static Map<Double, Double> sameRateRatios(List<StepReport> steps, JsonNode emptySteps) {
        Map<Double, Double> emptyCpu = new TreeMap<>();
        for (JsonNode step : emptySteps) {
            if (step.path("sustained").asBoolean(false) && step.path("offeredPerSec").isNumber()) {
                double total = 0;
                for (var entry : step.path("cpuMsPerOp").properties()) {
                    if (!entry.getKey().equals(GENERATOR)) {
                        total += entry.getValue().asDouble();
                    }
                }
                emptyCpu.put(step.path("offeredPerSec").asDouble(), total);
            }
        }
        Map<Double, Double> ratios = new TreeMap<>();
        for (StepReport step : steps == null ? List.<StepReport>of() : steps) {
            Double empty = step.offeredPerSec() == null ? null : emptyCpu.get(step.offeredPerSec());
            double now = platformCpu(step.cpuMsPerOp());
            if (step.sustained() && empty != null && empty > 0 && !Double.isNaN(now)) {
                ratios.put(step.offeredPerSec(), now / empty);
            }
        }
        return ratios;
    }

    /** A step's offered rate as the ladder writes it: 35, 7.5. */
    private static String rate(double perSec) {
        return perSec == Math.rint(perSec) ? String.valueOf((long) perSec) : String.valueOf(perSec);
    }

    private static double median(List<Double> values) {
        values.sort(null);
        int n = values.size();
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }

    private static double platformCpu(Map<String, Double> perProcess) {
        return perProcess == null ? Double.NaN : perProcess.entrySet().stream()
                .filter(e -> !e.getKey().equals(GENERATOR)).mapToDouble(Map.Entry::getValue).sum();
    }

    private static long count(Map<String, Object> seeded, String table) {
        return seeded.get(table) instanceof Number n ? n.longValue() : 0;
    }
}
