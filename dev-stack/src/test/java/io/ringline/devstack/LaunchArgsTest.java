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
    void instancesScaleTheServicesThatNeedNoFront() {
        LaunchArgs args = LaunchArgs.parse("--processes", "--instances=call-signaling-service=2",
                "--instances=webhook-fanout-service=3");
        ProcessOptions processes = args.processOptions(args.apply(DevStackOptions.ephemeral()), Map.of());

        assertThat(processes.instancesOf("call-signaling-service")).isEqualTo(2);
        assertThat(processes.instancesOf("webhook-fanout-service")).isEqualTo(3);
        assertThat(processes.instancesOf("media-bridge-service")).isEqualTo(1);
        assertThat(processes.instancesOf("api-gateway")).isEqualTo(1);
    }

    @Test
    void refusesInstancesItCannotRun() {
        assertThatThrownBy(() -> LaunchArgs.parse("--processes", "--instances=api-gateway=2"))
                .hasMessageContaining("api-gateway").hasMessageContaining("cannot be scaled");
        assertThatThrownBy(() -> LaunchArgs.parse("--processes", "--instances=call-signaling-service=0"))
                .hasMessageContaining("n from 1 to 4");
        assertThatThrownBy(() -> LaunchArgs.parse("--processes", "--instances=call-signaling-service=x"))
                .hasMessageContaining("n from 1 to 4");
        assertThatThrownBy(() -> LaunchArgs.parse("--processes", "--instances=call-signaling-service"))
                .hasMessageContaining("<service>=<n>");
        assertThatThrownBy(() -> LaunchArgs.parse("--instances=call-signaling-service=2"))
                .hasMessageContaining("--processes");
    }

    @Test
    void refusesWhatItDoesNotKnowNamingIt() {
        assertThatThrownBy(() -> LaunchArgs.parse("--procesess")).hasMessageContaining("--procesess");
        assertThatThrownBy(() -> LaunchArgs.parse("--set=sandbox.retention=2m")).hasMessageContaining("<service>");
        assertThatThrownBy(() -> LaunchArgs.parse("--jfr=/tmp/x")).hasMessageContaining("--processes");
    }
}
