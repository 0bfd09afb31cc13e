package io.ringline.bench.scenario;

import io.ringline.bench.observe.StatementCosts;
import io.ringline.bench.report.Ratio;
import io.ringline.bench.report.StepHops;
import io.ringline.bench.report.StepReport;
import java.util.List;
import java.util.Map;

/**
 * The calls scenario: rising rates of {@code POST /v1/calls} until POST p99 exceeds 100 ms or anything fails.
 *
 * @param maxSustainedPerSec the last step of the unbroken run of sustained steps from the first (null: not even
 *                           the first was); steps sustained again above a missed one are named beside it in the report
 * @param at500              POST latency at 500/s, or at the highest sustained rate when 500/s was not run, or at the
 *                           first step when none was sustained (the label says which)
 * @param warmup             how the closed-loop warm-up went
 * @param cpuMsPerCall       CPU ms per call of every component, at the {@code at500} step
 * @param dbPerCall          PostgreSQL counters per accepted call over the whole scenario
 * @param kafkaRecordsPerCall records written per accepted call, per topic
 * @param maintenance        autovacuum and autoanalyze runs per table over the whole scenario (counts, not per call:
 *                           a run of either reads a table's sample or indexes at once, and per call it rounds away)
 * @param statements         the SQL statements that spent the most database time, per accepted call, over the
 *                           whole scenario (pg_stat_statements)
 * @param refusedProviderWebhooks Evolution GO webhooks of these calls the gateway refused (GO does not retry them):
 *                           each may excuse one missing tenant webhook
 * @param hops               per step, each hop of a call's critical path: its mean from the services' own timers
 */
public record CallsReport(Double maxSustainedPerSec, ReferencePoint at500, Warmup warmup,
        long offered, long accepted, long failed,
        long completed, long missing, long duplicates, long unmatched, long refusedProviderWebhooks, boolean balanced,
        Map<String, Double> cpuMsPerCall, Map<String, Double> dbPerCall, Map<String, Double> kafkaRecordsPerCall,
        Map<String, Long> maintenance, List<StepReport> steps, Ratio ratioToLimit,
        List<StatementCosts.Cost> statements, List<StepHops> hops) {

    /**
     * The warm-up: how long, with how many calls in flight (a closed model), the rate of its last round — comparable
     * with closed-model figures such as issue 8's 67/s at 32 in flight — and the JIT seconds of that round.
     */
    public record Warmup(long seconds, int inFlight, Double lastRoundPerSec, Double lastRoundJitSeconds) {
    }

    /** Latency at the reference rate; {@code reached} false means the figures are at {@code ratePerSec} instead. */
    public record ReferencePoint(Double ratePerSec, boolean reached, Double p50Ms, Double p99Ms, String label) {
    }

    public CallsReport withRatio(Ratio ratio) {
        return new CallsReport(maxSustainedPerSec, at500, warmup, offered, accepted, failed, completed, missing, duplicates, unmatched, refusedProviderWebhooks, balanced, cpuMsPerCall, dbPerCall, kafkaRecordsPerCall, maintenance, steps, ratio, statements, hops);
    }
}
