package io.ringline.bench;

import io.ringline.bench.platform.Target;
import io.ringline.bench.scenario.MediaScenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The conditions of a run, so a figure can be compared with another: machine, JDK, commit, shape, durations, rates. */
public final class Conditions {

    private Conditions() {
    }

    static Map<String, Object> describe(BenchConfig config, Target target) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("date", ZonedDateTime.now().withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        c.put("mode", config.mode());
        c.put("gitCommit", gitCommit());
        c.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(), "cpu", cpuModel(),
                "memoryMiB", memoryMiB(), "os", System.getProperty("os.name") + " " + System.getProperty("os.version"),
                "loadAverageAtStart", read("/proc/loadavg").split(" ")[0]));
        c.put("jdk", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                + Runtime.version());
        c.put("platform", target.kind().equals("processes")
                ? "one JVM per service (dev-stack --processes: production flags, see serviceJvmOptions; full JIT, AOT "
                        + "cache), embedded "
                        + "Kafka (KRaft) in the launcher JVM, embedded PostgreSQL; everything on this machine, loopback"
                : target.kind());
        c.put("processes", java.util.List.copyOf(target.services().keySet()));
        c.put("serviceJvmOptions", target.serviceJvmOptions());
        c.put("launcherArgs", launcherArgs(target));
        c.put("generator", "separate process (this JVM); Reactor Netty HTTP/1.1 client and receiver on loopback");
        c.put("warmup", "calls: closed loop, " + config.warmupConcurrency() + " in flight, 10 s rounds until the rate "
                + "stops rising (at most " + config.warmup().toSeconds() + " s); signals: "
                + config.warmup().dividedBy(6).toSeconds() + " s at "
                + BenchConfig.warmupRate(config.signalRates(), BenchConfig.SIGNALS_WARMUP_CEILING) + "/s; fanout: "
                + config.warmup().dividedBy(6).toSeconds() + " s at "
                + BenchConfig.warmupRate(config.fanoutRates(), BenchConfig.FANOUT_WARMUP_CEILING)
                + " deliveries/s, on the baseline's tenants and counted in its ledger");
        c.put("callSteps", config.callRates() + " calls/s, " + config.callStep().toSeconds() + " s each");
        c.put("actionSteps", config.actionRates() + " terminates/s, " + config.actionStep().toSeconds()
                + " s each, on calls placed and connected before each step");
        c.put("signalSteps", config.signalRates() + " signals/s, " + config.signalStep().toSeconds() + " s each");
        c.put("fanoutSteps", config.fanoutRates() + " deliveries/s, " + config.fanoutStep().toSeconds() + " s each");
        c.put("mediaSteps", config.mediaSessions() + " concurrent realtime sessions (pcm16_16k, binary, "
                + MediaScenario.PLAYOUT + " playout), "
                + config.mediaWindow().toSeconds() + " s measured each, opened at " + config.mediaOpenRate() + "/s on "
                + config.mediaTenants() * config.mediaNumbersPerTenant() + " EVO_GO numbers; GO's media side is the "
                + "generator's own endpoint");
        c.put("limitSeconds", config.limitDuration().toSeconds());
        c.put("fleet", Map.of("callTenants", config.callTenants(), "callNumbers",
                config.callTenants() * config.numbersPerTenant(), "answeringUsers", config.users(),
                "signalNumbers", config.signalTenants() * config.signalNumbersPerTenant(),
                "fanoutTenantsPerRun", config.fanoutTenants(), "endpointsPerTenant", BenchConfig.ENDPOINTS_PER_TENANT));
        c.put("simulatedUser", "answers " + BenchConfig.ANSWER_AFTER_MS + " ms after ringing, hangs up "
                + BenchConfig.HANG_UP_AFTER_MS + " ms later");
        c.put("rateLimits", "gateway per-key/per-tenant limits off; loopback exempt from its per-source-address limits "
                + "(ringline.gateway.source-limit.exempt=127.0.0.0/8,::1/128: on loopback every client is one source); "
                + "see BenchPlatformSettings");
        return c;
    }

    /**
     * What the dev stack's launcher was started with after {@code --processes} ({@code --set}, {@code --jvm-opt},
     * {@code --instances}: none of them a secret); empty for a platform the benchmark did not start.
     */
    static java.util.List<String> launcherArgs(Target target) {
        if (target.launcherPid() <= 0) {
            return java.util.List.of();
        }
        java.util.List<String> args = java.util.List.of(read("/proc/" + target.launcherPid() + "/cmdline")
                .split("\0"));
        int processes = args.indexOf("--processes");
        return processes < 0 ? java.util.List.of() : args.subList(processes + 1, args.size());
    }

    /** The commit the working tree is at, marked when it has uncommitted changes; "unknown" outside git. */
    public static String gitCommit() {
        return git("rev-parse", "HEAD") + (git("status", "--porcelain").isBlank() ? "" : " (with uncommitted changes)");
    }

    private static String git(String... args) {
        try {
            String[] command = new String[args.length + 1];
            command[0] = "git";
            System.arraycopy(args, 0, command, 1, args.length);
            Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes()).strip();
            return git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0 ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static String cpuModel() {
        for (String line : read("/proc/cpuinfo").split("\n")) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).strip();
            }
        }
        return "unknown";
    }

    private static long memoryMiB() {
        for (String line : read("/proc/meminfo").split("\n")) {
            if (line.startsWith("MemTotal:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            return "";
        }
    }
}
