package io.ringline.bench.load;

import java.time.Duration;

/**
 * When each operation of an open-model run is meant to start, as offsets from the run's start in nanoseconds,
 * non-decreasing. Latency is measured from these intended starts, so a generator or system that falls behind
 * shows up as latency instead of silently lowering the offered rate (coordinated omission).
 */
public record Schedule(long[] offsetsNanos) {

    /** {@code ratePerSec} operations per second, evenly spaced, for {@code duration}. */
    public static Schedule constantRate(double ratePerSec, Duration duration) {
        int count = (int) Math.max(1, Math.round(ratePerSec * duration.toNanos() / 1e9));
        long[] offsets = new long[count];
        double interval = 1e9 / ratePerSec;
        for (int i = 0; i < count; i++) {
            offsets[i] = Math.round(i * interval);
        }
        return new Schedule(offsets);
    }

    public int size() {
        return offsetsNanos.length;
    }

    public Duration span() {
        return Duration.ofNanos(offsetsNanos.length == 0 ? 0 : offsetsNanos[offsetsNanos.length - 1]);
    }
}
