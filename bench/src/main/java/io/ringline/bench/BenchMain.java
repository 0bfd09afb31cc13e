package io.ringline.bench;

import io.ringline.bench.media.GoMediaEndpoint;
import io.ringline.bench.platform.PlatformLauncher;
import io.ringline.bench.platform.Target;
import io.ringline.bench.report.EmptyRun;
import io.ringline.bench.report.Results;
import io.ringline.bench.seed.HistorySeeder;
import io.ringline.devstack.DevProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./bench.sh [--quick] [--stack=<dev-stack.json>] [--jfr] [--only=<parts>] [--instances=<service>=<n>]…}:
 * starts the platform one JVM per service (or uses the running dev stack whose state file is given), runs the
 * benchmark from this separate process and writes {@code bench/results/<timestamp>/} and
 * {@code bench/results/latest.json}. Exit status 2 when the run is void. {@code --instances} runs more processes of
 * signaling, fan-out or the media bridge ({@code ./dev.sh --instances}), for the scaling curves; {@code --jvm-opt}
 * adds a JVM option to every service process (a collector given there replaces the serial one) and {@code --set}
 * one service's setting ({@code ./dev.sh --set}), for experiments; neither run replaces {@code latest.json}.
 */
public final class BenchMain {

    private static final Logger log = LoggerFactory.getLogger(BenchMain.class);

    private BenchMain() {
    }

    public static void main(String[] args) {
        quietLibraries();
        if (java.util.Arrays.stream(args).anyMatch(a -> a.equals("--campaign") || a.startsWith("--campaign="))) {
            io.ringline.bench.campaign.CampaignMain.main(args); // the fault campaign (docs/reliability.md)
            return;
        }
        BenchConfig config = BenchConfig.full();
        Path stack = null;
        boolean jfr = false;
        Path home = Path.of("").toAbsolutePath();
        java.util.Set<String> parts = BenchRun.ALL;
        java.util.List<String> launchArgs = new java.util.ArrayList<>();
        HistorySeeder.History history = null;
        for (String arg : args) {
            if (arg.equals("--quick")) {
                config = BenchConfig.quick();
            } else if (arg.equals("--smoke")) {
                config = BenchConfig.smoke();
            } else if (arg.equals("--jfr")) {
                jfr = true;
            } else if (arg.startsWith("--stack=")) {
                stack = Path.of(arg.substring("--stack=".length()));
            } else if (arg.startsWith("--only=")) {
                parts = java.util.Set.of(arg.substring("--only=".length()).split(","));
                if (!BenchRun.ALL.containsAll(parts)) {
                    System.err.println("--only takes a comma-separated subset of " + BenchRun.ALL);
                    System.exit(64);
                }
            } else if (arg.equals("--history")) {
                history = HistorySeeder.History.ISSUE_8;
            } else if (arg.startsWith("--history=")) {
                history = HistorySeeder.History.parse(arg.substring("--history=".length()));
            } else if (arg.startsWith("--instances=") || arg.startsWith("--jvm-opt=") || arg.startsWith("--set=")) {
                launchArgs.add(arg); // checked by the dev stack's launcher, which refuses what it cannot run
            } else if (arg.startsWith("--home=")) {
                home = Path.of(arg.substring("--home=".length())).toAbsolutePath();
            } else {
                System.err.println("unknown option " + arg
                        + "\nusage: bench.sh [--quick] [--stack=<path to a running dev stack's dev-stack.json>] [--jfr]"
                        + " [--only=limits,calls,actions,accepts,signals,fanout,media] [--instances=<service>=<n>]…"
                        + " [--jvm-opt=<service JVM option>]… [--set=<service>:<key>=<value>]…"
                        + " [--history[=<calls>,<deliveries>]]");
                System.exit(64);
            }
        }
        String operatorToken = System.getenv().getOrDefault("RINGLINE_OPERATOR_TOKEN", DevProfile.OPERATOR_TOKEN);
        Path results = home.resolve("bench").resolve("results");
        Path out = results.resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        PlatformLauncher launcher = null;
        Results run;
        // Listening before the platform starts: the sandbox is told its URL (BenchPlatformSettings).
        GoMediaEndpoint goMedia = GoMediaEndpoint.start();
        try {
            Target target;
            if (stack != null) {
                target = Target.fromStateFile(stack, operatorToken, PlatformLauncher.devDatabase("localhost", 54329),
                        "localhost:9092");
            } else {
                log.info("starting the platform, one JVM per service (logs in {})", out.resolve("stack"));
                launcher = PlatformLauncher.start(home, out.resolve("stack"), jfr ? out.resolve("jfr") : null,
                        goMedia.baseUrl(), launchArgs, Duration.ofMinutes(10));
                target = launcher.target(operatorToken);
                log.info("platform up in {} ms", target.startup().upInMs());
            }
            // A running dev stack's sandbox hands out its own GO media URLs: the media scenario cannot time them.
            run = BenchRun.run(config, target, out, parts, stack == null ? goMedia : null, history,
                    history == null ? null : EmptyRun.find(results, config.mode(),
                            Conditions.gitCommit()));
        } finally {
            goMedia.close();
            if (launcher != null) {
                launcher.close();
            }
        }
        if (jfr) {
            summariseProfiles(out.resolve("jfr"));
        }
        // latest.json is the last complete run of the default shape on an empty database: a partial one (--only,
        // e.g. for a profile), one with more instances (a point of the scaling curve), other service JVM options or
        // settings, or one on a seeded history (judged against latest.json) leaves it alone.
        boolean complete = parts.containsAll(BenchRun.ALL) && launchArgs.isEmpty() && history == null;
        if (complete) {
            try {
                Files.copy(out.resolve("results.json"), results.resolve("latest.json"),
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        System.out.println("\n" + (run.valid() ? "Benchmark done" : "Benchmark VOID: " + run.voidReasons())
                + "\n  report  " + out.resolve("report.md") + "\n  results "
                + (complete ? results.resolve("latest.json") : out.resolve("results.json") + " (partial, scaled or "
                        + "history run: latest.json unchanged)"));
        run.targets().forEach(t -> System.out.printf("  %-8s %s — %s%n", t.verdict(), t.target(), t.measured()));
        System.exit(run.valid() ? 0 : 2);
    }

    /** This JVM runs no Spring application to configure logging: logback's default would log every client at DEBUG. */
    private static void quietLibraries() {
        setLevel(org.slf4j.Logger.ROOT_LOGGER_NAME, ch.qos.logback.classic.Level.INFO);
        setLevel("org.apache.kafka", ch.qos.logback.classic.Level.WARN);
        setLevel("io.r2dbc", ch.qos.logback.classic.Level.WARN);
        setLevel("reactor.netty", ch.qos.logback.classic.Level.WARN);
        setLevel("io.netty", ch.qos.logback.classic.Level.WARN);
    }

    private static void setLevel(String name, ch.qos.logback.classic.Level level) {
        if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) {
            logger.setLevel(level);
        }
    }

    /** {@code jfr view hot-methods} of every recording, next to it. */
    private static void summariseProfiles(Path dir) {
        Path jfrTool = Path.of(System.getProperty("java.home"), "bin", "jfr");
        try (var files = Files.list(dir)) {
            for (Path recording : files.filter(f -> f.toString().endsWith(".jfr")).toList()) {
                String name = recording.getFileName().toString().replace(".jfr", "");
                Process view = new ProcessBuilder(jfrTool.toString(), "view", "--width", "200", "hot-methods",
                        recording.toString()).redirectErrorStream(true)
                        .redirectOutput(dir.resolve(name + ".hot-methods.txt").toFile()).start();
                view.waitFor(5, TimeUnit.MINUTES);
            }
        } catch (IOException e) {
            log.warn("could not summarise the JFR recordings in {}: {}", dir, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
