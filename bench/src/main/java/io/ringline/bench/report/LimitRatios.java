package io.ringline.bench.report;

import io.ringline.bench.limits.LimitReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each scenario's rate against the tightest limit of the parts it crosses, every limit first converted into the
 * scenario's own operations with the per-operation counts measured in the same run (a call is 17 database
 * transactions, not one; its gateway handles the POST and each Evolution GO webhook). Two fractions: the highest
 * sustained rate (within the scenario's latency bound) and the highest rate achieved without errors — what
 * issue 8's "reach at least half the limit" is read against. Beside each part alone, the parts together: each bare
 * loop had the machine to itself, while a call needs its transactions, records and requests all at once on the same
 * cores ({@link #together}).
 */
public final class LimitRatios {

    static final String DB_TRANSACTIONS = "db.xact_commit";
    static final String PROVIDER_SIGNALS = "provider.signals";
    static final String CALL_EVENTS = "call-events";

    private LimitRatios() {
    }

    /** The limits that bound a call, in calls per second. */
    public static Map<String, Double> forCalls(Map<String, LimitReport> limits, Map<String, Double> dbPerCall,
            Map<String, Double> kafkaRecordsPerCall, int cores) {
        Map<String, Double> candidates = new LinkedHashMap<>();
        Double transactions = dbPerCall == null ? null : dbPerCall.get(DB_TRANSACTIONS);
        Double r2dbc = rate(limits, "r2dbc");
        if (r2dbc != null && transactions != null && transactions > 0) {
            candidates.put("R2DBC call-shaped transactions ÷ " + Num.text(transactions) + " committed per call",
                    r2dbc / transactions);
        }
        double requests = 1 + kafkaRecordsPerCall.getOrDefault(PROVIDER_SIGNALS, 0.0);
        Double echo = rate(limits, "webfluxEcho");
        if (echo != null) {
            candidates.put("WebFlux echo requests ÷ " + Num.text(requests)
                    + " per call (the POST and each provider webhook)", echo / requests);
        }
        double records = kafkaRecordsPerCall.values().stream().mapToDouble(Double::doubleValue).sum();
        Double kafka = rate(limits, "kafka");
        if (kafka != null && records > 0) {
            candidates.put("Kafka records ÷ " + Num.text(records) + " per call", kafka / records);
        }
        // Out: the provider's request and a tenant webhook per call event.
        double requestsOut = 1 + kafkaRecordsPerCall.getOrDefault(CALL_EVENTS, 0.0);
        together(candidates, "call", cores, limits, transactions, records, requests + requestsOut);
        return candidates;
    }

    /**
     * The limits that bound a provider signal turned into a tenant webhook, in signals per second: like a call's, the
     * database's in transactions per signal (signaling's, its relay's, the fan-out's claim and record), not only the
     * HTTP and Kafka hops.
     */
    public static Map<String, Double> forSignals(Map<String, LimitReport> limits, Map<String, Double> dbPerSignal,
            Map<String, Double> kafkaRecordsPerSignal, int cores) {
        Map<String, Double> candidates = new LinkedHashMap<>();
        Double transactions = dbPerSignal == null ? null : dbPerSignal.get(DB_TRANSACTIONS);
        Double r2dbc = rate(limits, "r2dbc");
        if (r2dbc != null && transactions != null && transactions > 0) {
            candidates.put("R2DBC call-shaped transactions ÷ " + Num.text(transactions) + " committed per signal",
                    r2dbc / transactions);
        }
        candidates.put("WebFlux echo requests", rate(limits, "webfluxEcho"));
        candidates.put("webhook receiver", rate(limits, "httpReceiver"));
        double records = kafkaRecordsPerSignal.values().stream().mapToDouble(Double::doubleValue).sum();
        Double kafka = rate(limits, "kafka");
        if (kafka != null && records > 0) {
            candidates.put("Kafka records ÷ " + Num.text(records) + " per signal", kafka / records);
        }
        together(candidates, "signal", cores, limits, transactions, records,
                1 + kafkaRecordsPerSignal.getOrDefault(CALL_EVENTS, 0.0));
        return candidates;
    }

    /**
     * The bare parts together: the CPU their loops spent per transaction, per record (produced and consumed once) and
     * per HTTP request (client and server, the echo's), times one operation's counts, against the {@code cores}' CPU
     * milliseconds per second. An upper bound — each part at its bare cost, nothing for the platform's own work — and
     * never above the tightest single part unless a loop left the machine idle. Absent when a count or a loop's CPU
     * is missing.
     */
    private static void together(Map<String, Double> candidates, String unit, int cores,
            Map<String, LimitReport> limits, Double transactions, double records, double requests) {
        Double perTransaction = cpuMs(limits, "r2dbc");
        Double perRecord = cpuMs(limits, "kafka");
        Double perRequest = cpuMs(limits, "webfluxEcho");
        if (cores <= 0 || transactions == null || perTransaction == null || perRecord == null || perRequest == null) {
            return;
        }
        double cpuMs = transactions * perTransaction + records * perRecord + requests * perRequest;
        if (cpuMs > 0) {
            candidates.put("the bare parts together on " + cores + " cores: " + Num.text(transactions)
                    + " transactions, " + Num.text(records) + " records and " + Num.text(requests)
                    + " HTTP requests per " + unit + " at the bare loops' CPU = " + Num.text(cpuMs) + " ms per " + unit,
                    cores * 1000.0 / cpuMs);
        }
    }

    /** The limits that bound a webhook delivery, in deliveries per second. */
    public static Map<String, Double> forDeliveries(Map<String, LimitReport> limits) {
        Map<String, Double> candidates = new LinkedHashMap<>();
        candidates.put("webhook receiver", rate(limits, "httpReceiver"));
        // Deliveries are claimed and recorded in batches, so one transaction per delivery is an upper bound.
        candidates.put("R2DBC call-shaped transactions at one per delivery", rate(limits, "r2dbc"));
        return candidates;
    }

    /** The tightest of the candidates, and the scenario's sustained and peak rates as fractions of it. */
    public static Ratio ratio(Double sustained, List<StepReport> steps, Map<String, Double> candidates) {
        String which = null;
        Double lowest = null;
        for (var entry : candidates.entrySet()) {
            if (entry.getValue() != null && entry.getValue() > 0 && (lowest == null || entry.getValue() < lowest)) {
                lowest = entry.getValue();
                which = entry.getKey();
            }
        }
        if (lowest == null) {
            return null;
        }
        Double peak = peakWithoutErrors(steps);
        return new Ratio(sustained == null ? null : Num.round(sustained / lowest, 3),
                peak == null ? null : Num.round(peak / lowest, 3), peak, which, Num.round(lowest, 1));
    }

    /** The highest achieved rate of a step in which nothing failed, whatever its latency. */
    static Double peakWithoutErrors(List<StepReport> steps) {
        return steps == null ? null : steps.stream()
                .filter(s -> s.errors() == 0 && s.achievedPerSec() != null)
                .map(StepReport::achievedPerSec)
                .max(Double::compare)
                .orElse(null);
    }

    /** A bare loop's CPU per operation, every process together; null when it was not measured. */
    private static Double cpuMs(Map<String, LimitReport> limits, String name) {
        LimitReport limit = limits.get(name);
        if (limit == null || limit.cpuMsPerOp() == null || limit.cpuMsPerOp().isEmpty()) {
            return null;
        }
        double sum = limit.cpuMsPerOp().values().stream().mapToDouble(Double::doubleValue).sum();
        return sum > 0 ? sum : null;
    }

    private static Double rate(Map<String, LimitReport> limits, String name) {
        LimitReport limit = limits.get(name);
        return limit == null ? null : limit.ratePerSec();
    }
}
