package io.ringline.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.devstack.process.ProcessSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceProcessesTest {

    private static final List<String> MODULES = List.of("provider-sandbox", "call-signaling-service",
            "webhook-fanout-service", "media-bridge-service", "api-gateway");

    @TempDir
    Path home;

    @Test
    void oneProcessPerServiceByDefault() throws IOException {
        Map<String, ProcessSpec> specs = specs(Map.of());

        assertThat(specs).containsOnlyKeys(MODULES);
    }

    @Test
    void furtherInstancesRunTheSameJarOnTheirOwnPortsLogsAndProfiles() throws IOException {
        Map<String, ProcessSpec> specs = specs(Map.of("call-signaling-service", 2, "webhook-fanout-service", 2));

        assertThat(specs).containsOnlyKeys("provider-sandbox", "call-signaling-service", "call-signaling-service-2",
                "webhook-fanout-service", "webhook-fanout-service-2", "media-bridge-service", "api-gateway");
        ProcessSpec first = specs.get("call-signaling-service");
        ProcessSpec second = specs.get("call-signaling-service-2");
        assertThat(second.command()).contains(jar("call-signaling-service").toString());
        assertThat(second.url()).isNotEqualTo(first.url());
        assertThat(second.log().getFileName()).hasToString("call-signaling-service-2.log");
        assertThat(second.command()).anyMatch(arg -> arg.contains("call-signaling-service-2.jfr"));
        // the same service: the same environment (broker, database, secrets) and properties as the first
        assertThat(second.environment()).isEqualTo(first.environment());
        assertThat(withoutPortAndProfile(second.command())).isEqualTo(withoutPortAndProfile(first.command()));
        // the gateway keeps talking to the first instance
        assertThat(specs.get("api-gateway").command()).contains("--ringline.signaling.url=" + first.url());
    }

    @Test
    void aCollectorGivenWithJvmOptReplacesTheSerialOneAndOtherOptionsAreAdded() {
        assertThat(ServiceProcesses.jvmFlags(List.of("-XX:+UseParallelGC", "-Xmn64m")))
                .contains("-XX:+UseParallelGC", "-Xmn64m", "-Xmx256m").doesNotContain("-XX:+UseSerialGC");
        assertThat(ServiceProcesses.jvmFlags(List.of("-Xlog:gc"))).contains("-XX:+UseSerialGC", "-Xlog:gc");
    }

    private Map<String, ProcessSpec> specs(Map<String, Integer> instances) throws IOException {
        for (String module : MODULES) {
            Files.createDirectories(jar(module).getParent());
            Files.writeString(jar(module), "");
        }
        ProcessOptions processes = ProcessOptions.defaults(home, home.resolve("logs")).withAotCache(false)
                .withJfr(home.resolve("jfr")).withInstances(instances);
        return ServiceProcesses.specs(DevStackOptions.ephemeral(), processes, Map.of("RINGLINE_DB_HOST", "localhost"))
                .specs().stream().collect(Collectors.toMap(ProcessSpec::name, Function.identity()));
    }

    private Path jar(String module) {
        return home.resolve(module).resolve("target").resolve(module + "-0.1.0-SNAPSHOT-exec.jar");
    }

    private static List<String> withoutPortAndProfile(List<String> command) {
        return command.stream().filter(arg -> !arg.startsWith("--server.port=") && !arg.contains(".jfr")).toList();
    }
}
