package io.ringline.bench.scenario;

import io.ringline.bench.observe.StatementCosts;
import io.ringline.bench.report.StepReport;
import java.util.List;
import java.util.Map;

/**
 * An actions ladder: rising rates of one action on existing EVO_GO calls — {@code terminate} on answered outbound
 * calls ({@code scenarios.actions}), {@code accept} on ringing inbound ones ({@code scenarios.accepts}). Every action
 * on an existing call (accept, reject, terminate, pre-accept) takes the same path: command, reply, one load and one
 * commit in the call service. Issue 8 sets no target for it; it is held to the POST's bound (p99 ≤ 100 ms).
 *
 * @param action             {@code terminate} or {@code accept}
 * @param maxSustainedPerSec the last step of the unbroken run of sustained steps from the first (null: not even
 *                           the first was); steps sustained again above a missed one are named beside it in the report
 * @param at500              the action's latency at 500/s, or at the highest sustained rate, or at the first step
 *                           (the label says which)
 * @param placed             calls prepared (all steps): placed and answered, or rung in; {@code placeFailed} refused
 * @param offered            actions sent; {@code succeeded} answered {@code 200}; {@code failed} anything else
 * @param missing            calls an action succeeded on whose done webhook ({@code call.ended} after a terminate,
 *                           {@code call.connected} after an accept) never came
 * @param endedEarly         calls that ended without an action of the scenario's having succeeded
 * @param cpuMsPerAction     CPU ms per action of every component at the {@code at500} step (the preparation of the
 *                           step's calls is not in it: it runs before the step's clock starts)
 * @param kafkaRecordsPerAction records written per action, per topic, in the {@code at500} step's window
 * @param statements         the SQL statements that spent the most database time per action in that window
 *                           (pg_stat_statements, which counts at once; the table counters of the calls scenario are
 *                           flushed seconds late, so a step's window cannot be cut out of them)
 */
public record ActionsReport(String action, Double maxSustainedPerSec, CallsReport.ReferencePoint at500, long placed,
        long placeFailed, long offered, long succeeded, long failed, long missing, long endedEarly, long duplicates,
        boolean balanced, Map<String, Double> cpuMsPerAction, Map<String, Double> kafkaRecordsPerAction,
        List<StatementCosts.Cost> statements, List<StepReport> steps) {
}
