package io.ringline.bench.platform;

import io.ringline.devstack.process.ServiceJars;
import io.ringline.infra.EmbeddedInfra;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts {@code dev-stack --processes} as its own process (broker and database in the launcher JVM, one JVM per
 * service), on free ports and with the benchmark's settings, waits until every service is ready, and stops it all
 * (SIGTERM to the launcher) when closed.
 */
public final class PlatformLauncher implements AutoCloseable {

    private static final List<String> SERVICES = List.of("provider-sandbox", "call-signaling-service",
            "webhook-fanout-service", "media-bridge-service", "api-gateway");

    private final Process launcher;
    private final Path stateDir;

    private PlatformLauncher(Process launcher, Path stateDir) {
        this.launcher = launcher;
        this.stateDir = stateDir;
    }

    /**
     * @param home     the repository root (where the modules' jars were built)
     * @param stateDir where the launcher writes dev-stack.json and the services' logs
     * @param jfrDir   when not null, every service records a JFR profile there
     * @param goMediaBaseUrl the generator's GO media endpoint (BenchPlatformSettings)
     * @param launchArgs further {@code dev.sh} options, e.g. {@code --instances=call-signaling-service=2}
     */
    public static PlatformLauncher start(Path home, Path stateDir, Path jfrDir, String goMediaBaseUrl,
            List<String> launchArgs,
            Duration readyWithin) {
        List<String> args = new ArrayList<>(BenchPlatformSettings.launcherArgs(goMediaBaseUrl));
        args.addAll(launchArgs);
        return start(home, stateDir, jfrDir, args, Map.of(), readyWithin);
    }

    /**
     * The same with the launcher's arguments given whole and further environment, e.g.
     * {@code RINGLINE_KAFKA_BOOTSTRAP} for a broker of the caller's own (the fault campaign's, which it restarts).
     */
    public static PlatformLauncher start(Path home, Path stateDir, Path jfrDir, List<String> launchArgs,
            Map<String, String> environment, Duration readyWithin) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED",
                "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.ringline.schemas"));
        if (jfrDir != null) {
            // The launcher's JVM hosts the embedded broker: its profile is the broker's.
            command.add("-XX:StartFlightRecording=filename=" + jfrDir.toAbsolutePath().resolve("kafka-launcher.jfr")
                    + ",settings=profile,dumponexit=true");
        }
        command.addAll(List.of("-jar", ServiceJars.find(home, "dev-stack").toString(), "--processes"));
        command.addAll(launchArgs);
        if (jfrDir != null) {
            command.add("--jfr=" + jfrDir.toAbsolutePath());
        }
        try {
            Files.createDirectories(stateDir);
            if (jfrDir != null) {
                Files.createDirectories(jfrDir); // a JVM whose recording file cannot be created does not start
            }
            ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                    .redirectOutput(stateDir.resolve("launcher.log").toFile());
            Map<String, String> env = builder.environment();
            for (String port : List.of("RINGLINE_DEV_KAFKA_PORT", "RINGLINE_DEV_POSTGRES_PORT",
                    "RINGLINE_GATEWAY_PORT", "RINGLINE_SIGNALING_PORT", "RINGLINE_MEDIA_PORT", "RINGLINE_FANOUT_PORT",
                    "RINGLINE_SANDBOX_PORT")) {
                env.put(port, "0");
            }
            env.remove("RINGLINE_KAFKA_BOOTSTRAP");
            env.remove("RINGLINE_DB_HOST");
            env.put("RINGLINE_STATE_DIR", stateDir.toAbsolutePath().toString());
            env.put("RINGLINE_HOME", home.toAbsolutePath().toString());
            env.putAll(environment);
            PlatformLauncher started = new PlatformLauncher(builder.start(), stateDir);
            started.awaitReady(readyWithin);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the dev stack", e);
        }
    }

    private void awaitReady(Duration within) {
        Path file = stateFile();
        JsonMapper json = JsonMapper.builder().build();
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            if (!launcher.isAlive()) {
                throw new IllegalStateException("the dev stack exited with " + launcher.exitValue() + "; see "
                        + stateDir.resolve("launcher.log"));
            }
            try {
                if (Files.exists(file)) {
                    JsonNode state = json.readTree(Files.readString(file));
                    JsonNode processes = state.path("processes");
                    if (SERVICES.stream().allMatch(processes::has) // and every further instance too
                            && processes.valueStream().allMatch(p -> p.path("ready").asBoolean())) {
                        return;
                    }
                }
                Thread.sleep(500);
            } catch (IOException | RuntimeException e) {
                // being rewritten; look again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        close();
        throw new IllegalStateException("the dev stack was not ready within " + within + "; see "
                + stateDir.resolve("launcher.log"));
    }

    public Path stateFile() {
        return stateDir.resolve("dev-stack.json");
    }

    public Target target(String operatorToken) {
        return Target.fromStateFile(stateFile(), operatorToken, devDatabase("localhost", 5432), null);
    }

    /** The embedded database's role, as the dev stack creates it. */
    public static Target.Database devDatabase(String host, int port) {
        return new Target.Database(host, port, EmbeddedInfra.DB_NAME, EmbeddedInfra.DB_USER, EmbeddedInfra.DB_PASSWORD);
    }

    @Override
    public void close() {
        if (launcher.isAlive()) {
            launcher.destroy();
            try {
                if (!launcher.waitFor(90, TimeUnit.SECONDS)) {
                    launcher.descendants().forEach(ProcessHandle::destroyForcibly);
                    launcher.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                launcher.destroyForcibly();
            }
        }
    }
}
