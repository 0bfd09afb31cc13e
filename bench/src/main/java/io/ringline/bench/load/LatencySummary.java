package io.ringline.bench.load;

/** Percentiles of one histogram, in milliseconds (NaN when nothing was recorded). */
public record LatencySummary(long count, double p50Ms, double p90Ms, double p99Ms, double maxMs) {
}
