package io.ringline.bench.report;

import java.util.Map;

/** One step's mean milliseconds per hop of a critical path ({@code observe.HopTimers}), in path order. */
public record StepHops(Double offeredPerSec, Map<String, Double> meanMs) {
}
