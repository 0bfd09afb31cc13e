package io.ringline.devstack;

import io.ringline.devstack.process.ProcessStatus;
import io.ringline.devstack.process.Supervisor;
import io.ringline.infra.EmbeddedInfra;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./dev.sh --processes}: the embedded Kafka and PostgreSQL in this JVM (unless external ones are configured),
 * every service and the sandbox as its own supervised JVM, and the demo tenant seeded as in the single-JVM stack.
 * {@code dev-stack.json} additionally lists each process's pid and URL under {@code processes} and is rewritten
 * whenever one is restarted. Closing stops the processes (SIGTERM, then SIGKILL after a deadline), then the broker
 * and the database.
 */
final class ProcessStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProcessStack.class);

    private final EmbeddedInfra infra;
    private final Supervisor supervisor;
    private final DemoTenant demo;
    private final Duration upIn;
    private final Duration aotTraining;
    private final StartupCpu startupCpu;
    private final Path stateDir;

    private ProcessStack(EmbeddedInfra infra, Supervisor supervisor, DemoTenant demo, Duration upIn,
            Duration aotTraining, StartupCpu startupCpu, Path stateDir) {
        this.infra = infra;
        this.supervisor = supervisor;
        this.demo = demo;
        this.upIn = upIn;
        this.aotTraining = aotTraining;
        this.startupCpu = startupCpu;
        this.stateDir = stateDir;
    }

    /**
     * @param since when "starting" began, for the reported start-up time (the launcher passes its JVM's start)
     */
    public static ProcessStack start(DevStackOptions options, ProcessOptions processes, Instant since) {
        if (options.stateDir() != null) {
            StateFile.delete(options.stateDir());
        }
        EmbeddedInfra infra = EmbeddedInfra.start(options.externalKafka() == null, options.kafkaPort(),
                !options.externalDatabase(), options.postgresPort());
        Supervisor supervisor = null;
        try {
            Map<String, String> infraEnv = new LinkedHashMap<>(infra.environment());
            if (options.externalKafka() != null) {
                infraEnv.put("RINGLINE_KAFKA_BOOTSTRAP", options.externalKafka());
            }
            ServiceProcesses.Prepared prepared = ServiceProcesses.specs(options, processes, infraEnv);
            supervisor = Supervisor.start(prepared.specs(), processes.backoff(), processes.readyWithin());
            Duration upIn = Duration.between(since, Instant.now());
            Map<String, Long> pids = new LinkedHashMap<>();
            supervisor.status().forEach((name, status) -> pids.put(name, status.pid()));
            StartupCpu startupCpu = StartupCpu.measure(pids,
                    options.externalDatabase() ? 0 : infra.postgresPort());
            log.info("Ringline platform up in {} ms ({} processes{}, logs in {}); {}", upIn.toMillis(),
                    supervisor.status().size(), prepared.aotTraining().isZero() ? ""
                            : "; " + prepared.aotTraining().toMillis() + " ms of it recording AOT caches",
                    processes.logDir().toAbsolutePath(), startupCpu);
            DemoTenant demo = new DemoSeeder(supervisor.status("api-gateway").url(),
                    supervisor.status("provider-sandbox").url(), System.getenv().getOrDefault("RINGLINE_OPERATOR_TOKEN", DevProfile.OPERATOR_TOKEN)).seed();
            ProcessStack stack = new ProcessStack(infra, supervisor, demo, upIn, prepared.aotTraining(),
                    startupCpu, options.stateDir());
            stack.writeState(supervisor.status());
            supervisor.onChange(stack::writeState);
            return stack;
        } catch (RuntimeException e) {
            if (supervisor != null) {
                supervisor.close();
            }
            infra.close();
            throw e;
        }
    }

    private void writeState(Map<String, ProcessStatus> processes) {
        if (stateDir != null) {
            StateFile.write(stateDir, state(processes));
        }
    }

    /** The single-JVM stack's keys, plus {@code processes} and {@code launcher}. */
    Map<String, Object> state(Map<String, ProcessStatus> processes) {
        Map<String, Object> state = StateFile.of(demo);
        Map<String, Object> byName = new LinkedHashMap<>();
        processes.forEach((name, p) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("pid", p.pid());
            entry.put("url", p.url());
            entry.put("ready", p.ready());
            entry.put("restarts", p.restarts());
            entry.put("log", p.log().toAbsolutePath().toString());
            byName.put(name, entry);
        });
        state.put("processes", byName);
        Map<String, Object> launcher = new LinkedHashMap<>();
        launcher.put("pid", ProcessHandle.current().pid());
        launcher.put("upInMs", upIn.toMillis());
        launcher.put("aotTrainingMs", aotTraining.toMillis());
        launcher.put("startupCpu", startupCpu.asState());
        launcher.put("kafkaBootstrap", infra.kafkaBootstrap());
        Map<String, String> env = infra.environment();
        if (env.containsKey("RINGLINE_DB_PORT")) {
            launcher.put("postgres", Map.of("host", env.get("RINGLINE_DB_HOST"),
                    "port", Integer.parseInt(env.get("RINGLINE_DB_PORT")), "database", env.get("RINGLINE_DB_NAME")));
        }
        state.put("launcher", launcher);
        return state;
    }

    public Supervisor supervisor() {
        return supervisor;
    }

    public DemoTenant demo() {
        return demo;
    }

    public EmbeddedInfra infra() {
        return infra;
    }

    /**
     * From {@code since} until every process answered its readiness probe (seeding not included; recording missing
     * AOT caches, see {@link #aotTraining()}, included).
     */
    public Duration upIn() {
        return upIn;
    }

    /** The CPU every process of the platform spent until it was ready (see {@link StartupCpu}). */
    StartupCpu startupCpu() {
        return startupCpu;
    }

    /** How long the start spent recording AOT caches (the first start after a build only). */
    public Duration aotTraining() {
        return aotTraining;
    }

    public List<String> names() {
        return List.copyOf(supervisor.status().keySet());
    }

    @Override
    public void close() {
        supervisor.close();
        infra.close();
    }
}
