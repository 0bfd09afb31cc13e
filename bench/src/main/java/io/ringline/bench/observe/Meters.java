package io.ringline.bench.observe;

import io.ringline.bench.report.Num;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything a run watches besides its own latencies: CPU per component, heap per service, database, Kafka, and the
 * services' own timers along the critical paths.
 */
public record Meters(CpuMeter cpu, HeapSampler heap, DbStats db, KafkaOffsets kafka, HopTimers hops)
        implements AutoCloseable {

    /** CPU milliseconds per operation for each component over a window, given the two snapshots. */
    public static Map<String, Double> perOperation(Map<String, Long> cpuBefore, Map<String, Long> cpuAfter,
            long operations) {
        Map<String, Double> perOp = new LinkedHashMap<>();
        CpuMeter.delta(cpuBefore, cpuAfter).forEach((name, ms) ->
                perOp.put(name, operations == 0 ? null : Num.round((double) ms / operations, 3)));
        return perOp;
    }

    /** CPU use of each component over a window, in percent of one core. */
    public static Map<String, Double> percent(Map<String, Long> cpuBefore, Map<String, Long> cpuAfter,
            double seconds) {
        Map<String, Double> pct = new LinkedHashMap<>();
        CpuMeter.delta(cpuBefore, cpuAfter).forEach((name, ms) -> pct.put(name, Num.round(ms / 10.0 / seconds, 1)));
        return pct;
    }

    /** Per operation, for every counter that moved. */
    public static Map<String, Double> per(Map<String, Long> delta, long operations) {
        Map<String, Double> per = new LinkedHashMap<>();
        if (operations > 0) {
            delta.forEach((key, value) -> per.put(key, Num.round((double) value / operations, 3)));
        }
        return per;
    }

    @Override
    public void close() {
        heap.close();
        kafka.close();
    }
}
