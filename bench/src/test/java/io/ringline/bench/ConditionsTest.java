package io.ringline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.bench.platform.Startup;
import io.ringline.bench.platform.Target;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConditionsTest {

    @Test
    void theServicesJvmOptionsAreReadFromTheGatewaysCommandLine() {
        // This JVM stands in for the gateway: surefire starts it as `java <options> -jar <booter>`.
        Target target = target(Map.of("api-gateway", new Target.Service("http://localhost:1",
                ProcessHandle.current().pid())), -1);

        assertThat(target.serviceJvmOptions())
                .isEqualTo(ManagementFactory.getRuntimeMXBean().getInputArguments());
        assertThat(target(Map.of(), -1).serviceJvmOptions()).isEmpty();
    }

    @Test
    void theLaunchersArgumentsAfterProcessesAreRecorded() throws IOException {
        // A stand-in launcher whose command line ends like the dev stack's: `… --processes <args>`.
        Process launcher = new ProcessBuilder("sh", "-c", "read line", "--processes", "--jvm-opt=-XX:+UseParallelGC",
                "--set=api-gateway:a.b=c").start();
        try {
            assertThat(Conditions.launcherArgs(target(Map.of(), launcher.pid())))
                    .containsExactly("--jvm-opt=-XX:+UseParallelGC", "--set=api-gateway:a.b=c");
        } finally {
            launcher.destroy();
        }
        assertThat(Conditions.launcherArgs(target(Map.of(), -1))).isEmpty();
    }

    private static Target target(Map<String, Target.Service> services, long launcherPid) {
        return new Target("processes", "http://localhost:1", "http://localhost:2", "token", "localhost:9092",
                new Target.Database("localhost", 5432, "db", "user", "password"), services, launcherPid,
                Startup.UNKNOWN);
    }
}
