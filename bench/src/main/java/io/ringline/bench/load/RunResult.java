package io.ringline.bench.load;

import java.util.Map;

/**
 * What one run of operations did.
 *
 * @param offered       operations the schedule asked for (closed loop: operations started)
 * @param ok            operations that succeeded
 * @param errors        failures by label (HTTP status, exception, "unfinished" after the drain deadline)
 * @param latency       of the successful operations, from their intended start (open model) or actual start
 * @param offeredPerSec the schedule's rate (closed loop: what was achieved)
 * @param achievedPerSec successes per second, from the first intended start to the last completion
 * @param senderLagP99Ms how late the generator itself started operations (p99): high means the generator, not
 *                      the system, was the limit
 */
public record RunResult(long offered, long ok, Map<String, Long> errors, LatencySummary latency,
        double offeredPerSec, double achievedPerSec, double senderLagP99Ms, double elapsedSec) {

    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }
}
