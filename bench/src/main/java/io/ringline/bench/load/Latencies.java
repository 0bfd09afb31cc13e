package io.ringline.bench.load;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** A thread-safe latency histogram in microseconds (1 µs to 10 min, 3 significant digits). */
public final class Latencies {

    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(10);

    private final Histogram histogram = new ConcurrentHistogram(MAX_MICROS, 3);

    public void recordNanos(long nanos) {
        histogram.recordValue(Math.min(MAX_MICROS, Math.max(1, nanos / 1_000)));
    }

    public long count() {
        return histogram.getTotalCount();
    }

    public double percentileMs(double percentile) {
        return count() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1_000.0;
    }

    public double maxMs() {
        return count() == 0 ? Double.NaN : histogram.getMaxValue() / 1_000.0;
    }

    /** Both histograms' values together (neither is changed). */
    public static Latencies merged(Latencies a, Latencies b) {
        Latencies both = new Latencies();
        both.histogram.add(a.histogram);
        both.histogram.add(b.histogram);
        return both;
    }

    public LatencySummary summary() {
        return new LatencySummary(count(), percentileMs(50), percentileMs(90), percentileMs(99), maxMs());
    }
}
