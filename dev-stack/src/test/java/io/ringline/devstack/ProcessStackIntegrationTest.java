package io.ringline.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./dev.sh --processes} for real: the launcher as its own process (broker and database inside it), every
 * service a JVM from its executable jar. A service killed with SIGKILL comes back under a new pid on the same URL
 * and dev-stack.json says so; a further instance ({@code --instances}) runs as a process of its own; SIGTERM to the
 * launcher leaves no process and no port behind. The stack says it is up only once its first call can be placed.
 */
class ProcessStackIntegrationTest {

    /** With a second fan-out instance ({@code --instances}), supervised like the others under its own name. */
    private static final List<String> SERVICES = List.of("provider-sandbox", "call-signaling-service",
            "webhook-fanout-service", "webhook-fanout-service-2", "media-bridge-service", "api-gateway");
    private static final String VICTIM = "call-signaling-service";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private Process launcher;

    @TempDir
    Path state;

    @AfterEach
    void stopWhateverIsLeft() throws InterruptedException {
        if (launcher != null && launcher.isAlive()) {
            // SIGTERM first, as the test itself stops it: a launcher killed outright leaves its PostgreSQL running
            // (pg_ctl detached it), which is what a failed assertion used to do.
            launcher.destroy();
            if (!launcher.waitFor(60, TimeUnit.SECONDS)) {
                launcher.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void restartsAKilledServiceAndStopsEverythingOnSigterm() throws Exception {
        launcher = startLauncher();
        JsonNode up = awaitState(Duration.ofMinutes(5), s -> SERVICES.stream().allMatch(name -> ready(s, name)));
        Map<String, Long> pids = new LinkedHashMap<>();
        SERVICES.forEach(name -> pids.put(name, up.path("processes").path(name).path("pid").asLong()));
        assertThat(pids.values()).allMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .doesNotHaveDuplicates();
        assertThat(up.path("gatewayUrl").asString()).isEqualTo(up.path("processes").path("api-gateway")
                .path("url").asString());
        assertThat(up.path("evoGoNumber").path("apiKey").asString()).startsWith("rl_");
        // The state file appears only once the call service knows the demo numbers: the first call goes through.
        HttpResponse<String> placed = http.send(HttpRequest.newBuilder(
                        URI.create(up.path("gatewayUrl").asString() + "/v1/calls"))
                .timeout(Duration.ofSeconds(15)).header("content-type", "application/json")
                .header("x-api-key", up.path("evoGoNumber").path("apiKey").asString())
                .POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"+5511955550001\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
        // The single-JVM stack's keys, then the processes' own.
        assertThat(up.propertyNames()).containsExactly("gatewayUrl", "sandboxUrl", "tenantId", "tenantApiKey",
                "metaNumber", "evoGoNumber", "webhookId", "webhookSecret", "operatorToken", "processes", "launcher");
        assertThat(state.resolve("logs").resolve(VICTIM + ".log")).isNotEmptyFile();
        // What the start cost, measured when every process was ready: every process counted, the JIT's share within.
        JsonNode startupCpu = up.path("launcher").path("startupCpu");
        assertThat(startupCpu.path("byProcess").propertyNames()).containsAll(SERVICES)
                .contains("launcher", "postgresql");
        startupCpu.path("byProcess").properties().forEach(process ->
                assertThat(process.getValue().asLong()).as(process.getKey()).isPositive());
        assertThat(startupCpu.path("jitMs").asLong()).isPositive()
                .isLessThan(startupCpu.path("cpuMs").asLong());

        long killed = pids.get(VICTIM);
        String victimUrl = up.path("processes").path(VICTIM).path("url").asString();
        ProcessHandle.of(killed).orElseThrow().destroyForcibly(); // SIGKILL, as kill -9 does

        JsonNode after = awaitState(Duration.ofMinutes(3), s -> {
            JsonNode victim = s.path("processes").path(VICTIM);
            long pid = victim.path("pid").asLong();
            return pid != killed && victim.path("ready").asBoolean() && isAlive(pid) && answersReadiness(victimUrl);
        });
        JsonNode victim = after.path("processes").path(VICTIM);
        assertThat(victim.path("url").asString()).isEqualTo(victimUrl);
        assertThat(victim.path("restarts").asInt()).isEqualTo(1);
        assertThat(isAlive(killed)).isFalse();
        SERVICES.stream().filter(name -> !name.equals(VICTIM)).forEach(name ->
                assertThat(after.path("processes").path(name).path("pid").asLong()).isEqualTo(pids.get(name)));

        Set<Long> everything = new HashSet<>(pids.values());
        everything.add(victim.path("pid").asLong());
        everything.add(launcher.pid());
        launcher.descendants().forEach(p -> everything.add(p.pid())); // the PostgreSQL server and its backends
        List<Integer> ports = new ArrayList<>();
        SERVICES.forEach(name -> ports.add(URI.create(after.path("processes").path(name).path("url").asString())
                .getPort()));
        ports.add(Integer.parseInt(after.path("launcher").path("kafkaBootstrap").asString().replaceAll(".*:", "")));
        ports.add(after.path("launcher").path("postgres").path("port").asInt());

        launcher.destroy(); // SIGTERM, as Ctrl-C's SIGINT or an orchestrator's stop
        assertThat(launcher.waitFor(90, TimeUnit.SECONDS)).as("launcher stops within 90 s").isTrue();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(everything).noneMatch(ProcessStackIntegrationTest::isAlive);
            assertThat(ports).noneMatch(ProcessStackIntegrationTest::accepts);
        });
    }

    private Process startLauncher() throws IOException {
        Path home = Path.of("").toAbsolutePath().getParent(); // surefire runs in the module directory
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED",
                "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.ringline.schemas",
                "-cp", System.getProperty("java.class.path"), DevStack.class.getName(),
                // A cache trained for every clean build would cost more than it saves here; so would the full JIT
                // for services that live a minute (what is tested is the supervision, not the services' speed).
                "--processes", "--no-aot-cache", "--jvm-opt=-XX:TieredStopAtLevel=1",
                "--instances=webhook-fanout-service=2");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(state.resolve("launcher.log").toFile());
        Map<String, String> env = builder.environment();
        for (String port : List.of("RINGLINE_DEV_KAFKA_PORT", "RINGLINE_DEV_POSTGRES_PORT", "RINGLINE_GATEWAY_PORT",
                "RINGLINE_SIGNALING_PORT", "RINGLINE_MEDIA_PORT", "RINGLINE_FANOUT_PORT", "RINGLINE_SANDBOX_PORT")) {
            env.put(port, "0");
        }
        env.remove("RINGLINE_KAFKA_BOOTSTRAP");
        env.remove("RINGLINE_DB_HOST");
        // Surefire runs tests under the dev profile; the launcher must give it to its services itself.
        env.remove("SPRING_PROFILES_ACTIVE");
        env.put("RINGLINE_STATE_DIR", state.toString());
        env.put("RINGLINE_HOME", home.toString());
        return builder.start();
    }

    private JsonNode awaitState(Duration atMost, java.util.function.Predicate<JsonNode> condition) {
        Path file = state.resolve("dev-stack.json");
        JsonNode[] seen = new JsonNode[1];
        await().atMost(atMost).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!launcher.isAlive()) {
                throw new IllegalStateException("launcher exited with " + launcher.exitValue() + ":\n"
                        + Files.readString(state.resolve("launcher.log")));
            }
            if (!Files.exists(file)) {
                return false;
            }
            seen[0] = json.readTree(Files.readString(file));
            return condition.test(seen[0]);
        });
        return seen[0];
    }

    private static boolean ready(JsonNode state, String name) {
        return state.path("processes").path(name).path("ready").asBoolean();
    }

    private boolean answersReadiness(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 500);
            return true;
        } catch (ConnectException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
