package io.ringline.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LaunchArgsTest {

    @Test
    void noArgumentsIsTheSingleJvmStack() {
        LaunchArgs args = LaunchArgs.parse();

        assertThat(args.processes()).isFalse();
        assertThat(args.apply(DevStackOptions.ephemeral()).serviceProperties()).isEmpty();
    }

    @Test
    void processOptionsReachTheProcessesAndPropertiesTheirService() {
        LaunchArgs args = LaunchArgs.parse("--processes", "--no-rate-limits", "--jfr=/tmp/jfr",
                "--jvm-opt=-Xlog:gc", "--set=provider-sandbox:sandbox.retention=2m", "--no-aot-cache");
        DevStackOptions options = args.apply(DevStackOptions.fromEnvironment(Map.of()));
        ProcessOptions processes = args.processOptions(options, Map.of("RINGLINE_HOME", "/repo"));

        assertThat(args.processes()).isTrue();
        assertThat(options.propertiesFor("api-gateway")).containsEntry("ringline.gateway.rate-limit.enabled", "false")
                .containsEntry("ringline.gateway.source-limit.exempt", "127.0.0.0/8,::1/128");
        assertThat(options.propertiesFor("provider-sandbox")).containsEntry("sandbox.retention", "2m");
        assertThat(processes.home()).isEqualTo(Path.of("/repo"));
        assertThat(processes.logDir()).isEqualTo(Path.of(".ringline", "logs"));
        assertThat(processes.jvmOptions()).containsExactly("-Xlog:gc");
        assertThat(processes.jfrDir()).isEqualTo(Path.of("/tmp/jfr"));
        assertThat(processes.aotCache()).isFalse();
    }

    @Test
    void refusesWhatItDoesNotKnowNamingIt() {
        assertThatThrownBy(() -> LaunchArgs.parse("--procesess")).hasMessageContaining("--procesess");
        assertThatThrownBy(() -> LaunchArgs.parse("--set=sandbox.retention=2m")).hasMessageContaining("<service>");
        assertThatThrownBy(() -> LaunchArgs.parse("--jfr=/tmp/x")).hasMessageContaining("--processes");
    }
}
