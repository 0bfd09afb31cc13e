package io.ringline.bench.campaign;

import io.ringline.bench.platform.PlatformLauncher;
import io.ringline.bench.platform.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform under the campaign and the levers on it: {@code dev-stack --processes} (every service its own
 * supervised JVM, the embedded PostgreSQL in the launcher's JVM) on a broker of the campaign's own
 * ({@link BrokerProcess}, so it can be restarted on its log); services are killed and paused by the pids the launcher
 * writes to {@code dev-stack.json} (re-read each time: the supervisor restarts a dead service under a new pid), and
 * PostgreSQL is restarted with its own {@code pg_ctl restart} (same data directory, same options).
 */
final class CampaignPlatform implements AutoCloseable {

    /** The platform's services a fault can hit (the sandbox plays the providers and is not one). */
    static final List<String> SERVICES = List.of("api-gateway", "call-signaling-service", "webhook-fanout-service",
            "media-bridge-service");
    /** Consumer session timeout the services run with, so a pause past it stays short. */
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);

    /**
     * call-signaling-service's reconciliation, short enough that a call or a parked signal whose provider signal was
     * lost settles well inside the auditor's stuck deadline (120 s): scanned every 5 s; a call silent for 20 s is
     * looked up at GO, one no provider can tell about (META) settled after 45 s (the campaign's calls last a few
     * seconds); a signal parked for 15 s (three times the provider timeout a call takes to get its id) has its call
     * looked up at GO and, when GO knows it as an incoming call, its lost offer rebuilt.
     */
    static final List<String> RECONCILIATION = reconciliation("5s", "20s", "45s", "15s");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static List<String> reconciliation(String scanInterval, String maxSignalAge, String giveUpAfter,
            String parkedSignalAge) {
        String prefix = "--set=call-signaling-service:ringline.signaling.reconciliation.";
        List<String> args = new ArrayList<>(List.of(prefix + "scan-interval=" + scanInterval,
                prefix + "parked-signal-age=" + parkedSignalAge));
        for (String status : List.of("INITIATED", "RINGING", "ACCEPTED")) {
            args.add(prefix + "max-signal-age." + status + "=" + maxSignalAge);
            args.add(prefix + "give-up-after." + status + "=" + giveUpAfter);
        }
        return List.copyOf(args);
    }

    private final BrokerProcess broker;
    private final PlatformLauncher launcher;
    private final Target target;
    private final Path dir;

    private CampaignPlatform(BrokerProcess broker, PlatformLauncher launcher, Target target, Path dir) {
        this.broker = broker;
        this.launcher = launcher;
        this.target = target;
        this.dir = dir;
    }

    /** The JIT of services that live a couple of minutes (the smoke run): C1 only, as the test JVMs run. */
    static final String SHORT_LIVED_JIT = "-XX:TieredStopAtLevel=1";

    static CampaignPlatform start(Path home, Path dir, String operatorToken, boolean productionStart) {
        BrokerProcess broker = BrokerProcess.start(dir.resolve("broker"), Duration.ofMinutes(2));
        try {
            List<String> args = new ArrayList<>(List.of("--no-rate-limits",
                    "--set=provider-sandbox:sandbox.retention=30m",
                    "--set=provider-sandbox:sandbox.no-answer-timeout=5s",
                    "--set=provider-sandbox:sandbox.accept-window=8s",
                    "--set=provider-sandbox:sandbox.webrtc.enabled=false"));
            args.addAll(RECONCILIATION);
            if (!productionStart) {
                args.add("--no-aot-cache");
                args.add("--jvm-opt=" + SHORT_LIVED_JIT);
            }
            for (String service : SERVICES) {
                args.add("--set=" + service + ":spring.kafka.consumer.properties.session.timeout.ms="
                        + SESSION_TIMEOUT.toMillis());
                args.add("--set=" + service + ":spring.kafka.consumer.properties.heartbeat.interval.ms=2000");
            }
            PlatformLauncher launcher = PlatformLauncher.start(home, dir.resolve("stack"), null, args,
                    Map.of("RINGLINE_KAFKA_BOOTSTRAP", broker.bootstrap()), Duration.ofMinutes(10));
            Target t = launcher.target(operatorToken);
            Target target = new Target("processes (fault campaign)", t.gatewayUrl(), t.sandboxUrl(), operatorToken,
                    broker.bootstrap(), t.database(), t.services(), t.launcherPid(), t.startup());
            return new CampaignPlatform(broker, launcher, target, dir);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    Target target() {
        return target;
    }

    /** The service's current pid and readiness, as the launcher last wrote them. */
    record ProcessState(long pid, boolean ready, int restarts) {
    }

    ProcessState state(String service) {
        for (int attempt = 0; ; attempt++) {
            try {
                JsonNode p = JSON.readTree(Files.readString(launcher.stateFile())).path("processes").path(service);
                return new ProcessState(p.path("pid").asLong(-1), p.path("ready").asBoolean(),
                        p.path("restarts").asInt());
            } catch (IOException | RuntimeException e) {
                if (attempt >= 20) {
                    throw new IllegalStateException("cannot read " + launcher.stateFile(), e);
                }
                pause(50); // being rewritten
            }
        }
    }

    /** SIGKILL, as a crash or the OOM killer would. */
    long kill(String service) {
        long pid = state(service).pid();
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        return pid;
    }

    /** {@code kill -STOP} / {@code kill -CONT}. */
    void signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    BrokerProcess broker() {
        return broker;
    }

    /**
     * {@code pg_ctl restart -m fast}: the server stops (open connections are cut) and starts again on the same data
     * directory with the options it was started with ({@code postmaster.opts}).
     */
    void restartPostgres() {
        Target.Database db = target.database();
        String dataDir;
        long postmaster;
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + db.host() + ":" + db.port()
                + "/postgres", "postgres", ""); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SHOW data_directory")) {
                r.next();
                dataDir = r.getString(1);
            }
            try (ResultSet r = s.executeQuery("SELECT pg_backend_pid()")) {
                r.next();
                long backend = r.getLong(1);
                postmaster = ProcessHandle.of(backend).flatMap(ProcessHandle::parent).map(ProcessHandle::pid)
                        .orElseThrow(() -> new IllegalStateException("no postmaster for backend " + backend));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach PostgreSQL as its superuser", e);
        }
        Path postgres = Path.of(ProcessHandle.of(postmaster).flatMap(p -> p.info().command())
                .orElseThrow(() -> new IllegalStateException("cannot see the postmaster's binary")));
        Path pgCtl = postgres.resolveSibling("pg_ctl");
        List<String> command = new ArrayList<>();
        if (ProcessHandle.current().info().user().map("root"::equals).orElse(false)) {
            // as the embedded server itself was started (zonky): PostgreSQL refuses to run as root, so in a user
            // namespace where this user is not root
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(pgCtl.toString(), "restart", "-D", dataDir, "-m", "fast", "-w", "-t", "60"));
        try {
            Process restart = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("postgres-restarts.log").toFile()))
                    .start();
            if (!restart.waitFor(90, TimeUnit.SECONDS) || restart.exitValue() != 0) {
                throw new IllegalStateException("pg_ctl restart failed; see " + dir.resolve("postgres-restarts.log"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        try {
            launcher.close();
        } finally {
            broker.close();
        }
    }
}
