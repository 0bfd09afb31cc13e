package io.ringline.devstack;

import io.ringline.devstack.process.RestartBackoff;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How {@code ./dev.sh --processes} runs each service as its own JVM.
 *
 * @param home        repository root, where each module's {@code target/*-exec.jar} is found
 * @param logDir      one {@code <service>.log} per process (stdout and stderr, appended across restarts)
 * @param jvmOptions  extra JVM options for every service process (after the production defaults)
 * @param jfrDir      when set, every service records a JFR profile to {@code <jfrDir>/<service>.jfr}
 * @param aotCache    start from a JDK 25 AOT cache per service, trained on the first start after a build
 * @param readyWithin how long a (re)started process may take to answer its readiness probe
 */
public record ProcessOptions(Path home, Path logDir, List<String> jvmOptions, Path jfrDir, boolean aotCache,
        Duration readyWithin, RestartBackoff backoff) {

    public ProcessOptions {
        jvmOptions = List.copyOf(jvmOptions);
    }

    public static ProcessOptions defaults(Path home, Path logDir) {
        return new ProcessOptions(home, logDir, List.of(), null, true, Duration.ofSeconds(120),
                RestartBackoff.DEFAULT);
    }

    public ProcessOptions withJvmOptions(List<String> options) {
        return new ProcessOptions(home, logDir, options, jfrDir, aotCache, readyWithin, backoff);
    }

    public ProcessOptions withJfr(Path dir) {
        return new ProcessOptions(home, logDir, jvmOptions, dir, aotCache, readyWithin, backoff);
    }

    public ProcessOptions withAotCache(boolean enabled) {
        return new ProcessOptions(home, logDir, jvmOptions, jfrDir, enabled, readyWithin, backoff);
    }
}
