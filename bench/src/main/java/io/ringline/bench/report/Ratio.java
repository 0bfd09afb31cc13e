package io.ringline.bench.report;

/** A scenario's rate as a fraction of the limit that bounds it ({@code limit}: which one, {@code limitPerSec}). */
public record Ratio(Double value, String limit, Double limitPerSec) {
}
