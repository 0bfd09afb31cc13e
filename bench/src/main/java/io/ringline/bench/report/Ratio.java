package io.ringline.bench.report;

/**
 * A scenario's rate as a fraction of the limit that bounds it ({@code limit}: which one, converted into the
 * scenario's operations, {@code limitPerSec}): {@code value} for the highest sustained rate, {@code peakValue} for
 * the highest rate achieved without errors ({@code peakPerSec}), whatever its latency.
 */
public record Ratio(Double value, Double peakValue, Double peakPerSec, String limit, Double limitPerSec) {
}
