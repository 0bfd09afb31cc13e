package io.ringline.bench.scenario;

import io.ringline.bench.observe.StatementCosts;
import io.ringline.bench.report.Ratio;
import io.ringline.bench.report.StepHops;
import io.ringline.bench.report.StepReport;
import java.util.List;
import java.util.Map;

/**
 * The signals scenario: GO webhooks into the gateway at rising rates, each expected back as a tenant webhook.
 *
 * @param ratePerSec   the step reported: 500/s if it was run, else the highest sustained rate
 * @param p50Ms        signal → tenant webhook, at {@code ratePerSec}
 * @param ingressP99Ms the gateway's answer to the provider webhook itself, at {@code ratePerSec}
 * @param steps        per step; the latency columns are signal → webhook
 * @param statements   the SQL statements that spent the most database time, per accepted signal, over the whole
 *                     scenario (pg_stat_statements)
 * @param hops         per step, each hop from the provider's webhook to the tenant's: its mean from the services'
 *                     own timers
 */
public record SignalsReport(Double ratePerSec, boolean reached500, String label, Double p50Ms, Double p90Ms,
        Double p99Ms, Double maxMs, Double ingressP50Ms, Double ingressP99Ms, Double maxSustainedPerSec,
        long offered, long accepted, long failed, long delivered, long missing, long duplicates, boolean balanced,
        Map<String, Double> cpuMsPerSignal, Map<String, Double> dbPerSignal, Map<String, Double> kafkaRecordsPerSignal,
        List<StepReport> steps,
        List<StepReport> ingressSteps, Ratio ratioToLimit, List<StatementCosts.Cost> statements,
        List<StepHops> hops) {

    public SignalsReport withRatio(Ratio ratio) {
        return new SignalsReport(ratePerSec, reached500, label, p50Ms, p90Ms, p99Ms, maxMs, ingressP50Ms, ingressP99Ms, maxSustainedPerSec, offered, accepted, failed, delivered, missing, duplicates, balanced, cpuMsPerSignal, dbPerSignal, kafkaRecordsPerSignal, steps, ingressSteps, ratio, statements, hops);
    }
}
