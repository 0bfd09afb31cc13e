package io.ringline.bench.platform;

/**
 * How the platform under test started, as its launcher wrote it into {@code dev-stack.json}'s {@code launcher}:
 * launcher start → every service ready ({@code upInMs}), of which recording AOT caches ({@code aotTrainingMs}, the
 * first start after a build only), and the CPU every process of the platform had used by then ({@code cpuMs}), of
 * which the JVMs' JIT compilers ({@code jitMs}). Each is null when not known (a platform the benchmark did not
 * start, or a launcher that does not write it).
 */
public record Startup(Long upInMs, Long aotTrainingMs, Long cpuMs, Long jitMs) {

    /** Nothing known. */
    public static final Startup UNKNOWN = new Startup(null, null, null, null);

    /** Only the time to ready, as a test that starts the platform itself measures it. */
    public static Startup upIn(long millis) {
        return new Startup(millis, null, null, null);
    }
}
