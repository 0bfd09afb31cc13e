package io.ringline.bench.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.devstack.DevProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The campaign cannot rot: a seconds-long campaign on the multi-process platform (one JVM per service, the
 * campaign's own broker) kills the fan-out with SIGKILL and makes the providers fail, under mixed load; both faults
 * are really injected, the platform serves whole calls again after each, and the auditor finds nothing lost,
 * nothing duplicated with a new id and nothing stuck. No timing is asserted.
 */
class CampaignSmokeTest {

    /** This JVM runs no Spring application to configure logging: the clients would log at DEBUG. */
    @org.junit.jupiter.api.BeforeAll
    static void quietLibraries() {
        for (String name : List.of("org.apache.kafka", "io.netty", "reactor.netty", "org.postgresql", "jdk.internal")) {
            if (org.slf4j.LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) {
                logger.setLevel(ch.qos.logback.classic.Level.WARN);
            }
        }
    }

    @Test
    void aShortCampaignInjectsItsFaultsAndTheAuditorFindsNothingLostDuplicatedOrStuck(@TempDir Path out)
            throws Exception {
        Path home = Path.of("").toAbsolutePath().getParent(); // the repository root: where the services' jars are

        CampaignResult result = Campaign.run(CampaignConfig.smoke(), home, out, DevProfile.OPERATOR_TOKEN, 4242);

        assertThat(result.injectedByKind()).isEqualTo(Map.of("KILL", 1, "PROVIDER_FAILING", 1));
        FaultRecord kill = result.faults().stream().filter(f -> f.kind() == FaultKind.KILL).findFirst().orElseThrow();
        assertThat(kill.target()).isEqualTo("webhook-fanout-service");
        long killedPid = Long.parseLong(kill.detail().replace("SIGKILL pid ", ""));
        assertThat(ProcessHandle.of(killedPid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
        assertThat(result.faults()).allSatisfy(f -> assertThat(f.recoveredAt()).as(f.kind() + " recovered").isNotNull());

        AuditReport audit = result.audits().getLast();
        assertThat(audit.findings()).as("the auditor's findings").isEmpty();
        assertThat(result.lost()).isZero();
        assertThat(result.duplicatedWithNewId()).isZero();
        assertThat(result.stuck()).isZero();
        assertThat(audit.calls()).isPositive();
        assertThat(audit.expectedDeliveries()).isPositive();
        assertThat(audit.signals()).isPositive();
        assertThat(result.passed()).isTrue();

        JsonNode json = JsonMapper.builder().build().readTree(Files.readString(out.resolve("results.json")));
        for (String key : List.of("passed", "lost", "duplicatedWithNewId", "stuck", "conditions", "faultsByKind",
                "faults", "load", "audits")) {
            assertThat(json.has(key)).as(key).isTrue();
        }
        assertThat(json.path("faultsByKind").path("KILL").has("recoveryP50Ms")).isTrue();
        assertThat(json.path("conditions").path("platform").asString())
                .contains("without AOT caches", "with C1 only (-XX:TieredStopAtLevel=1)");
        // …and the services really started so (their command line, read while they ran).
        List<String> jvmOptions = new ArrayList<>();
        json.path("conditions").path("serviceJvmOptions").forEach(o -> jvmOptions.add(o.asString()));
        assertThat(jvmOptions).contains("-XX:TieredStopAtLevel=1").noneMatch(o -> o.startsWith("-XX:AOTCache"));
        assertThat(Files.readString(out.resolve("report.md"))).contains("lost = 0", "duplicated-with-new-id = 0",
                "stuck = 0", "Faults by kind");
        // nothing left running: the broker, the launcher and every service it supervised have stopped
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList()).isEmpty();
    }
}
