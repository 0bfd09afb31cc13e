package io.ringline.devstack;

import io.ringline.devstack.process.ProcCpu;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The CPU time the platform spent until it was ready, read once every process answered its readiness probe: each
 * service's JVM, this launcher (broker, database supervisor, service supervisor) and the PostgreSQL server's
 * processes, and how much of it the JVMs' JIT compiler threads used. On two cores a start is bound by its CPU — the
 * time to ready is about this total divided by the cores — and the same start costs more CPU when the host gives
 * the machine less (docs/performance.md "Start-up: what it costs"), so the figure tells which of the two made a
 * start slow. Processes that already exited (the AOT training starts, {@code initdb}) are not counted; the
 * launcher's own time includes whatever it did while the caches were recorded (little: the broker idles).
 *
 * @param cpuMs     user + system time of every live process of the platform, in milliseconds
 * @param jitMs     of which the JVMs' C1 and C2 compiler threads
 * @param byProcess per process: {@code launcher}, each service by name, {@code postgresql}
 */
record StartupCpu(long cpuMs, long jitMs, Map<String, Long> byProcess) {

    /**
     * Every figure zero where {@code /proc} is not there (not Linux).
     *
     * @param postgresPort the embedded PostgreSQL's port, 0 when the database is not the launcher's own
     */
    static StartupCpu measure(Map<String, Long> servicePids, int postgresPort) {
        long self = ProcessHandle.current().pid();
        Map<String, Long> byProcess = new LinkedHashMap<>();
        byProcess.put("launcher", Math.max(0, ProcCpu.millis(self, false)));
        long jit = ProcCpu.compilerMillis(self);
        for (Map.Entry<String, Long> service : servicePids.entrySet()) {
            byProcess.put(service.getKey(), Math.max(0, ProcCpu.millis(service.getValue(), false)));
            jit += ProcCpu.compilerMillis(service.getValue());
        }
        // pg_ctl detaches the server from this JVM: it is found by its port. Its time includes the backends it has
        // reaped (the services' migrations ran on connections closed since), plus those still open below it.
        byProcess.put("postgresql", postgresServer(postgresPort).mapToLong(server ->
                Math.max(0, ProcCpu.millis(server.pid(), true)) + server.descendants()
                        .mapToLong(backend -> Math.max(0, ProcCpu.millis(backend.pid(), false))).sum()).sum());
        long total = byProcess.values().stream().mapToLong(Long::longValue).sum();
        return new StartupCpu(total, jit, byProcess);
    }

    /** The PostgreSQL server process listening on the port ({@code postgres … -p <port>}), if there is one. */
    static Stream<ProcessHandle> postgresServer(int port) {
        if (port <= 0) {
            return Stream.empty();
        }
        String portArg = Integer.toString(port);
        return ProcessHandle.allProcesses().filter(process -> {
            ProcessHandle.Info info = process.info();
            if (info.command().filter(command -> command.endsWith("/postgres")).isEmpty()) {
                return false;
            }
            List<String> args = info.arguments().map(List::of).orElse(List.of());
            int at = args.indexOf("-p");
            return at >= 0 && at + 1 < args.size() && args.get(at + 1).equals(portArg);
        }).limit(1);
    }

    /** The compilers' share of the CPU, 0–100. */
    double jitPercent() {
        return cpuMs == 0 ? 0 : 100.0 * jitMs / cpuMs;
    }

    /** For {@code dev-stack.json}'s {@code launcher.startupCpu}. */
    Map<String, Object> asState() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("cpuMs", cpuMs);
        state.put("jitMs", jitMs);
        state.put("byProcess", byProcess);
        return state;
    }

    @Override
    public String toString() {
        return String.format("%.1f s of CPU until ready, %.0f %% of it JIT compiling (%s)", cpuMs / 1000.0,
                jitPercent(), byProcess.entrySet().stream()
                        .map(e -> e.getKey() + String.format(" %.1f s", e.getValue() / 1000.0))
                        .collect(Collectors.joining(", ")));
    }
}
