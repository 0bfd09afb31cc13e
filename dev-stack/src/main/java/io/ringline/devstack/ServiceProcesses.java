package io.ringline.devstack;

import io.ringline.devstack.process.AotCache;
import io.ringline.devstack.process.ProcessSpec;
import io.ringline.devstack.process.ServiceJars;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The five processes of {@code ./dev.sh --processes}: each service and the sandbox from its own executable jar,
 * with the production JIT and a 256 MiB heap. Ports are fixed before anything starts (a free one where the
 * option is 0), so every URL is known up front, all processes start at once, and a restart keeps its port.
 */
final class ServiceProcesses {

    private static final Logger log = LoggerFactory.getLogger(ServiceProcesses.class);

    static final String READINESS = "/actuator/health/readiness";

    /**
     * What production runs with (deploy/docker/service.Dockerfile: a 1-CPU, 512 MiB container whose ergonomics
     * pick the serial collector and a 256 MiB heap), and nothing of the test JVMs' C1-only shortcut.
     */
    static final List<String> JVM_FLAGS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
            "--enable-native-access=ALL-UNNAMED", "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.ringline.schemas");

    private static final Pattern COLLECTOR = Pattern.compile("-XX:\\+Use\\w+GC");

    /**
     * The production flags followed by the extra ones; a collector chosen among the extra ones replaces the serial
     * one (the JVM refuses to start with two), so a benchmark can compare collectors with {@code --jvm-opt}.
     */
    static List<String> jvmFlags(List<String> extra) {
        boolean collectorChosen = extra.stream().anyMatch(option -> COLLECTOR.matcher(option).matches());
        List<String> flags = new ArrayList<>(JVM_FLAGS);
        if (collectorChosen) {
            flags.removeIf(flag -> COLLECTOR.matcher(flag).matches());
        }
        flags.addAll(extra);
        return flags;
    }

    /**
     * One process to run: its name (the module's, or {@code <module>-<n>} for a further instance), module, port and
     * service-specific properties.
     */
    private record Service(String name, String module, int port, Map<String, String> properties) {

        Service(String module, int port, Map<String, String> properties) {
            this(module, module, port, properties);
        }
    }

    private ServiceProcesses() {
    }

    /** What to supervise, and how long recording missing AOT caches took first (zero when none was missing). */
    record Prepared(List<ProcessSpec> specs, Duration aotTraining) {
    }

    /** The specs to supervise; trains the AOT caches first when they are enabled and missing. */
    static Prepared specs(DevStackOptions options, ProcessOptions processes, Map<String, String> infraEnv) {
        Map<String, String> env = new LinkedHashMap<>(infraEnv);
        env.putAll(DevProfile.environment());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<Service> plan = plan(options, processes);
        if (processes.jfrDir() != null) {
            createDirectories(processes.jfrDir()); // a JVM whose recording file cannot be created does not start
        }
        // A cache recorded without JFR cannot be used by a JVM that starts a recording (the module graph
        // differs: jdk.jfr), and one recorded with JFR would profile the training run: no cache with --jfr.
        boolean aot = processes.aotCache() && processes.jfrDir() == null && AotCache.supported();
        Map<String, AotCache> caches = new LinkedHashMap<>();
        List<ProcessSpec> training = new ArrayList<>();
        for (Service service : plan) {
            if (aot && !caches.containsKey(service.module())) { // one cache per module, trained once
                AotCache cache = AotCache.prepare(java, ServiceJars.find(processes.home(), service.module()));
                caches.put(service.module(), cache);
                if (!cache.trained()) {
                    training.add(spec(service, envOf(service, env), options, processes, java,
                            cache.trainingOptions(), cache.jar(), ".aot-training"));
                }
            }
        }
        Duration trainingTime = Duration.ZERO;
        if (!training.isEmpty()) {
            log.info("first start since a build: recording AOT caches of {} services (faster starts from now on)",
                    training.size());
            trainingTime = AotTraining.run(training);
        }
        List<ProcessSpec> specs = new ArrayList<>();
        for (Service service : plan) {
            AotCache cache = caches.get(service.module());
            specs.add(cache == null
                    ? spec(service, envOf(service, env), options, processes, java, List.of(),
                            ServiceJars.find(processes.home(), service.module()), "")
                    : spec(service, envOf(service, env), options, processes, java,
                            cache.trained() ? cache.useOptions() : List.of(), cache.jar(), ""));
        }
        return new Prepared(specs, trainingTime);
    }

    /** The sandbox uses no broker, database or platform secrets. */
    private static Map<String, String> envOf(Service service, Map<String, String> env) {
        return service.module().equals("provider-sandbox") ? Map.of() : env;
    }

    private static List<Service> plan(DevStackOptions options, ProcessOptions processes) {
        int signaling = portOr(options.signalingPort());
        int fanout = portOr(options.fanoutPort());
        int media = portOr(options.mediaPort());
        Map<String, String> gateway = new LinkedHashMap<>();
        gateway.put("ringline.signaling.url", url(signaling));
        gateway.put("ringline.fanout.url", url(fanout));
        gateway.put("ringline.media.url", url(media));
        List<Service> plan = new ArrayList<>();
        plan.add(new Service("provider-sandbox", portOr(options.sandboxPort()), Map.of()));
        plan.addAll(instances("call-signaling-service", signaling, processes));
        plan.addAll(instances("webhook-fanout-service", fanout, processes));
        plan.addAll(instances("media-bridge-service", media, processes));
        plan.add(new Service("api-gateway", portOr(options.gatewayPort()), gateway));
        return plan;
    }

    /** The first instance on the configured port, further ones ({@code --instances}) on free ports. */
    private static List<Service> instances(String module, int port, ProcessOptions processes) {
        List<Service> all = new ArrayList<>();
        all.add(new Service(module, port, Map.of()));
        for (int i = 2; i <= processes.instancesOf(module); i++) {
            all.add(new Service(Instances.processName(module, i), module, portOr(0), Map.of()));
        }
        return all;
    }

    private static ProcessSpec spec(Service service, Map<String, String> env, DevStackOptions options,
            ProcessOptions processes, Path java, List<String> launchOptions, Path jar, String logSuffix) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmFlags(processes.jvmOptions()));
        if (processes.jfrDir() != null && logSuffix.isEmpty()) {
            command.add("-XX:StartFlightRecording=filename="
                    + processes.jfrDir().toAbsolutePath().resolve(service.name() + ".jfr")
                    + ",settings=profile,dumponexit=true");
        }
        command.addAll(launchOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.add("--server.port=" + service.port());
        Map<String, String> all = new LinkedHashMap<>(DevProfile.properties(service.module()));
        all.putAll(service.properties());
        all.putAll(options.propertiesFor(service.module()));
        all.forEach((key, value) -> command.add("--" + key + "=" + value));
        return new ProcessSpec(service.name(), command, env,
                processes.logDir().resolve(service.name() + logSuffix + ".log"), url(service.port()), READINESS);
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    private static String url(int port) {
        return "http://localhost:" + port;
    }

    private static int portOr(int port) {
        if (port != 0) {
            return port;
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
