package io.ringline.devstack;

import io.ringline.devstack.process.RestartBackoff;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How {@code ./dev.sh --processes} runs each service as its own JVM.
 *
 * @param home        repository root, where each module's {@code target/*-exec.jar} is found
 * @param logDir      one {@code <service>.log} per process (stdout and stderr, appended across restarts)
 * @param jvmOptions  extra JVM options for every service process (after the production defaults)
 * @param jfrDir      when set, every service records a JFR profile to {@code <jfrDir>/<service>.jfr}
 * @param aotCache    start from a JDK 25 AOT cache per service, trained on the first start after a build
 * @param readyWithin how long a (re)started process may take to answer its readiness probe
 * @param instances   how many processes run a service (by module name) when more than one; see {@link Instances}
 */
record ProcessOptions(Path home, Path logDir, List<String> jvmOptions, Path jfrDir, boolean aotCache,
        Duration readyWithin, RestartBackoff backoff, Map<String, Integer> instances) {

    public ProcessOptions {
        jvmOptions = List.copyOf(jvmOptions);
        instances = Map.copyOf(instances);
    }

    public static ProcessOptions defaults(Path home, Path logDir) {
        return new ProcessOptions(home, logDir, List.of(), null, true, Duration.ofSeconds(120),
                RestartBackoff.DEFAULT, Map.of());
    }

    /** How many processes run {@code module} (1 unless scaled with {@code --instances}). */
    public int instancesOf(String module) {
        return instances.getOrDefault(module, 1);
    }

    public ProcessOptions withInstances(Map<String, Integer> counts) {
        return new ProcessOptions(home, logDir, jvmOptions, jfrDir, aotCache, readyWithin, backoff, counts);
    }

    public ProcessOptions withJvmOptions(List<String> options) {
        return new ProcessOptions(home, logDir, options, jfrDir, aotCache, readyWithin, backoff, instances);
    }

    public ProcessOptions withJfr(Path dir) {
        return new ProcessOptions(home, logDir, jvmOptions, dir, aotCache, readyWithin, backoff, instances);
    }

    public ProcessOptions withAotCache(boolean enabled) {
        return new ProcessOptions(home, logDir, jvmOptions, jfrDir, enabled, readyWithin, backoff, instances);
    }
}
