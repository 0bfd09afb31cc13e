package io.ringline.bench.scenario;

import io.ringline.bench.observe.StatementCosts;
import io.ringline.bench.report.StepReport;
import java.util.List;
import java.util.Map;

/**
 * The actions scenario: rising rates of {@code POST /v1/calls/{id}/terminate} on answered EVO_GO calls — the path
 * of every action on an existing call (accept, reject, terminate, pre-accept share it: command, reply, one load and
 * one commit in the call service). Issue 8 sets no target for it; it is held to the POST's bound (p99 ≤ 100 ms).
 *
 * @param maxSustainedPerSec the highest rate whose step was sustained (null: not even the first)
 * @param at500              terminate latency at 500/s, or at the highest sustained rate, or at the first step (the
 *                           label says which)
 * @param cpuMsPerAction     CPU ms per terminate of every component at the {@code at500} step (the preparation of
 *                           the step's calls is not in it: it runs before the step's clock starts)
 * @param kafkaRecordsPerAction records written per terminate, per topic, in the {@code at500} step's window
 * @param statements         the SQL statements that spent the most database time per terminate in that window
 *                           (pg_stat_statements, which counts at once; the table counters of the calls scenario are
 *                           flushed seconds late, so a step's window cannot be cut out of them)
 * @param placed             calls prepared (all steps), {@code placeFailed} placements refused
 * @param endedEarly         calls that ended without a terminate of the scenario's having succeeded
 */
public record ActionsReport(Double maxSustainedPerSec, CallsReport.ReferencePoint at500, long placed,
        long placeFailed, long offered, long terminated, long failed, long missing, long endedEarly, long duplicates,
        boolean balanced, Map<String, Double> cpuMsPerAction, Map<String, Double> kafkaRecordsPerAction,
        List<StatementCosts.Cost> statements, List<StepReport> steps) {
}
