package io.ringline.devstack.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How to run one supervised process: its command line, the environment added to the launcher's own, where its
 * stdout and stderr go, and the HTTP base URL whose {@code readinessPath} answers 200 once it can take traffic.
 * Restarts reuse the same spec, so a restarted service comes back on the same port.
 */
public record ProcessSpec(String name, List<String> command, Map<String, String> environment, Path log, String url,
        String readinessPath) {

    public ProcessSpec {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }

    public String readinessUrl() {
        return url + readinessPath;
    }
}
