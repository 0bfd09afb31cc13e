package io.ringline.bench.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Failures by label. */
final class ErrorTally {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void add(String label) {
        counts.computeIfAbsent(label == null ? "error" : label, k -> new LongAdder()).increment();
    }

    void add(String label, long n) {
        if (n > 0) {
            counts.computeIfAbsent(label, k -> new LongAdder()).add(n);
        }
    }

    Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((label, count) -> copy.put(label, count.sum()));
        return copy;
    }
}
