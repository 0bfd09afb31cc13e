package io.ringline.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringline.devstack.process.ProcCpu;
import io.ringline.infra.EmbeddedInfra;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the launcher reports as its start's CPU: each named service by its pid, the launcher itself, the PostgreSQL
 * server found by its port with its backends, and the compilers' share of the JVMs.
 */
class StartupCpuTest {

    private Process service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.destroyForcibly();
        }
    }

    @Test
    void eachServiceByNameAndTheLauncherItself() throws IOException {
        // A shell that spins for a while (so it has CPU time to count), then waits to be stopped.
        service = new ProcessBuilder("bash", "-c", "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done; exec sleep 300")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        await().atMost(Duration.ofSeconds(60)).until(() -> ProcCpu.millis(service.pid(), false) >= 100);

        StartupCpu cpu = StartupCpu.measure(Map.of("call-signaling-service", service.pid()), 0);

        assertThat(cpu.byProcess()).containsOnlyKeys("launcher", "call-signaling-service", "postgresql");
        assertThat(cpu.byProcess().get("call-signaling-service")).isGreaterThanOrEqualTo(100);
        assertThat(cpu.byProcess().get("launcher")).isPositive();
        assertThat(cpu.byProcess().get("postgresql")).as("no database of the launcher's own").isZero();
        assertThat(cpu.cpuMs()).isEqualTo(cpu.byProcess().values().stream().mapToLong(Long::longValue).sum());
        assertThat(cpu.jitMs()).as("this JVM's compilers; the shell has none").isPositive()
                .isLessThanOrEqualTo(cpu.byProcess().get("launcher"));
        assertThat(cpu.jitPercent()).isBetween(0.0, 100.0);
        assertThat(cpu.asState()).containsKeys("cpuMs", "jitMs", "byProcess");
        assertThat(cpu.toString()).contains("of CPU until ready", "call-signaling-service");
    }

    @Test
    void theDatabaseIsTheServerOnItsPortWithItsBackends() {
        try (EmbeddedInfra infra = EmbeddedInfra.start(false, 0, true, 0)) {
            int port = infra.postgresPort();

            StartupCpu cpu = StartupCpu.measure(Map.of(), port);

            assertThat(StartupCpu.postgresServer(port)).hasSize(1);
            assertThat(cpu.byProcess().get("postgresql")).as("a started server has spent CPU").isPositive();
            assertThat(StartupCpu.postgresServer(port + 1)).as("no server on that port").isEmpty();
        }
    }
}
