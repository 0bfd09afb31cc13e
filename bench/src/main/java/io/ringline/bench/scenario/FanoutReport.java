package io.ringline.bench.scenario;

import io.ringline.bench.observe.StatementCosts;
import io.ringline.bench.report.Ratio;
import io.ringline.bench.report.StepReport;
import java.util.List;
import java.util.Map;

/**
 * The fan-out scenario: call events produced straight onto {@code call-events} (the platform's serde) for tenants
 * with ten subscriptions each, at rising delivery rates; first all endpoints healthy (the baseline), then with one
 * always failing and one slow endpoint per tenant.
 *
 * @param deliveriesPerSec highest sustained offered delivery rate of the mixed run
 * @param healthyP99Ms     event → delivery p99 at healthy endpoints, mixed run, at {@code deliveriesPerSec}
 * @param baselineP99Ms    the same in the all-healthy run at the same rate (null if the baseline did not run it)
 * @param statements       the SQL statements that spent the most database time in the mixed run, per delivery offered
 *                         (pg_stat_statements)
 */
public record FanoutReport(Double deliveriesPerSec, Double healthyP50Ms, Double healthyP99Ms, Double baselineP99Ms,
        Double baselineMaxSustainedPerSec, long events, long healthyExpected, long healthyDelivered, long missing,
        long slowDelivered, long failingAttempts, boolean balanced, Map<String, Double> cpuMsPerDelivery,
        List<StepReport> steps, List<StepReport> baselineSteps, Ratio ratioToLimit,
        List<StatementCosts.Cost> statements) {

    public FanoutReport withRatio(Ratio ratio) {
        return new FanoutReport(deliveriesPerSec, healthyP50Ms, healthyP99Ms, baselineP99Ms, baselineMaxSustainedPerSec, events, healthyExpected, healthyDelivered, missing, slowDelivered, failingAttempts, balanced, cpuMsPerDelivery, steps, baselineSteps, ratio, statements);
    }
}
