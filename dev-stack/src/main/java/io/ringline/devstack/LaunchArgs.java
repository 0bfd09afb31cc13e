package io.ringline.devstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./dev.sh} command-line options.
 * <pre>
 *   --processes                      every service and the sandbox as its own JVM (default: all in one JVM)
 *   --no-rate-limits                 the gateway's per-key/per-tenant rate limits off, loopback exempt from its
 *                                    per-source-address limits (load tests from this machine)
 *   --set=&lt;service&gt;:&lt;key&gt;=&lt;value&gt;   one property of one service, e.g. --set=provider-sandbox:sandbox.retention=2m
 *   --jvm-opt=&lt;option&gt;               one more JVM option for every service process (--processes only)
 *   --jfr=&lt;dir&gt;                      every service process records a JFR profile there (--processes only)
 *   --no-aot-cache                   start the service processes without JDK AOT caches (--processes only)
 *   --instances=&lt;service&gt;=&lt;n&gt;         run n instances of a service that scales without a front (signaling,
 *                                    fan-out, media bridge; --processes only), e.g. --instances=call-signaling-service=2
 * </pre>
 */
record LaunchArgs(boolean processes, boolean noRateLimits, List<String[]> properties, List<String> jvmOptions,
        Path jfrDir, boolean noAotCache, Map<String, Integer> instances) {

    static final String USAGE = "usage: dev.sh [--processes] [--no-rate-limits] [--set=<service>:<key>=<value>]… "
            + "[--jvm-opt=<option>]… [--jfr=<dir>] [--no-aot-cache] [--instances=<service>=<n>]…";

    static LaunchArgs parse(String... args) {
        boolean processes = false;
        boolean noRateLimits = false;
        List<String[]> properties = new ArrayList<>();
        List<String> jvmOptions = new ArrayList<>();
        Path jfr = null;
        boolean noAotCache = false;
        Map<String, Integer> instances = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.equals("--processes")) {
                processes = true;
            } else if (arg.equals("--no-rate-limits")) {
                noRateLimits = true;
            } else if (arg.equals("--no-aot-cache")) {
                noAotCache = true;
            } else if (arg.startsWith("--set=")) {
                properties.add(property(arg.substring("--set=".length())));
            } else if (arg.startsWith("--jvm-opt=") && arg.length() > "--jvm-opt=".length()) {
                jvmOptions.add(arg.substring("--jvm-opt=".length()));
            } else if (arg.startsWith("--jfr=") && arg.length() > "--jfr=".length()) {
                jfr = Path.of(arg.substring("--jfr=".length()));
            } else if (arg.startsWith("--instances=")) {
                Instances.parse(arg.substring("--instances=".length()), instances);
            } else {
                throw new IllegalArgumentException("unknown option '" + arg + "'\n" + USAGE);
            }
        }
        if (!processes && (!jvmOptions.isEmpty() || jfr != null || noAotCache || !instances.isEmpty())) {
            throw new IllegalArgumentException("--jvm-opt, --jfr, --no-aot-cache and --instances need --processes\n"
                    + USAGE);
        }
        return new LaunchArgs(processes, noRateLimits, List.copyOf(properties), List.copyOf(jvmOptions), jfr,
                noAotCache, Map.copyOf(instances));
    }

    private static String[] property(String spec) {
        int colon = spec.indexOf(':');
        int equals = spec.indexOf('=', colon + 1);
        if (colon < 1 || equals < colon + 2) {
            throw new IllegalArgumentException("--set needs <service>:<key>=<value>, got '" + spec + "'\n" + USAGE);
        }
        return new String[] {spec.substring(0, colon), spec.substring(colon + 1, equals), spec.substring(equals + 1)};
    }

    DevStackOptions apply(DevStackOptions options) {
        DevStackOptions result = noRateLimits ? options.withoutRateLimits() : options;
        for (String[] p : properties) {
            result = result.withProperty(p[0], p[1], p[2]);
        }
        return result;
    }

    /** {@code RINGLINE_HOME} (default: the working directory) holds the modules' jars; logs go next to the state. */
    ProcessOptions processOptions(DevStackOptions options, Map<String, String> env) {
        Path home = Path.of(env.getOrDefault("RINGLINE_HOME", "."));
        Path stateDir = options.stateDir() != null ? options.stateDir() : Path.of(System.getProperty("java.io.tmpdir"),
                "ringline-dev-stack-" + ProcessHandle.current().pid());
        ProcessOptions result = ProcessOptions.defaults(home, stateDir.resolve("logs")).withJvmOptions(jvmOptions)
                .withAotCache(!noAotCache).withInstances(instances);
        return jfrDir == null ? result : result.withJfr(jfrDir);
    }
}
