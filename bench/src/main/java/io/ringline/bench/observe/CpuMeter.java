package io.ringline.bench.observe;

import io.ringline.devstack.process.ProcCpu;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU milliseconds used so far by each component of the platform: a service JVM, the launcher JVM (which hosts the
 * embedded Kafka broker), PostgreSQL (its server process, its live backends and those it has reaped), the load
 * generator itself. Two snapshots give the CPU a run cost per component.
 */
public final class CpuMeter {

    /** What to count for one component. */
    public record Source(long pid, boolean processTree) {
    }

    private final Map<String, Source> sources;

    public CpuMeter(Map<String, Source> sources) {
        this.sources = new LinkedHashMap<>(sources);
    }

    public Map<String, Long> snapshot() {
        Map<String, Long> cpu = new LinkedHashMap<>();
        sources.forEach((name, source) -> cpu.put(name, source.processTree() ? treeMillis(source.pid())
                : ProcCpu.millis(source.pid(), false)));
        return cpu;
    }

    public Map<String, Source> sources() {
        return sources;
    }

    /** Per component, {@code after - before} (components absent or unreadable in either are left out). */
    public static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> delta = new LinkedHashMap<>();
        after.forEach((name, value) -> {
            Long was = before.get(name);
            if (was != null && was >= 0 && value >= 0) {
                delta.put(name, value - was);
            }
        });
        return delta;
    }

    private static long treeMillis(long pid) {
        long own = ProcCpu.millis(pid, true);
        if (own < 0) {
            return -1;
        }
        return own + ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants)
                .mapToLong(child -> Math.max(0, ProcCpu.millis(child.pid(), false))).sum();
    }
}
