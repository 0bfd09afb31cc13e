package io.ringline.devstack;

import io.ringline.devstack.process.ProcessStatus;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/**
 * {@code ./dev.sh}: starts the whole platform on its embedded default, seeds the demo tenant, prints
 * how to reach it and writes the same facts to {@code .ringline/dev-stack.json}. Ctrl-C stops it.
 */
public final class DevStack implements AutoCloseable {

    private final Platform platform;
    private final DemoTenant demo;

    private DevStack(Platform platform, DemoTenant demo) {
        this.platform = platform;
        this.demo = demo;
    }

    /** Starts and seeds; used by {@link #main} and by the system tests. */
    public static DevStack start(DevStackOptions options) {
        Platform platform = Platform.start(options);
        try {
            String operatorToken = platform.service("api-gateway").context().getEnvironment()
                    .getRequiredProperty("ringline.gateway.operator-token");
            DemoTenant demo = new DemoSeeder(platform.service("api-gateway").url(),
                    platform.service("provider-sandbox").url(), operatorToken).seed();
            return new DevStack(platform, demo);
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    public DemoTenant demo() {
        return demo;
    }

    public Platform platform() {
        return platform;
    }

    @Override
    public void close() {
        platform.close();
    }

    public static void main(String[] args) throws InterruptedException {
        LaunchArgs launch;
        try {
            launch = LaunchArgs.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        quietInfrastructureLogs();
        DevStackOptions options = launch.apply(DevStackOptions.fromEnvironment(System.getenv()));
        if (launch.processes()) {
            runProcesses(options, launch.processOptions(options, System.getenv()));
            return;
        }
        DevStack stack = start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping Ringline…");
            quietBrokerShutdown();
            stack.close();
            stopped.countDown();
        }, "dev-stack-stop"));
        Path file = writeState(options.stateDir(), stack.demo());
        printBanner(stack, file);
        stopped.await();
    }

    /** {@code --processes}: one JVM per service, supervised; Ctrl-C or SIGTERM stops all of it. */
    private static void runProcesses(DevStackOptions options, ProcessOptions processes) throws InterruptedException {
        Instant since = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        // No Spring application configures logging in this JVM: logback's own default would be DEBUG.
        setLevel(ch.qos.logback.classic.Level.INFO, org.slf4j.Logger.ROOT_LOGGER_NAME);
        ProcessStack stack = ProcessStack.start(options, processes, since);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping Ringline…");
            quietBrokerShutdown();
            stack.close();
            stopped.countDown();
        }, "dev-stack-stop"));
        printProcessBanner(stack, options.stateDir());
        stopped.await();
    }

    /**
     * The broker's temporary log dir is deleted by its own JVM-exit hook while everything stops; what the broker
     * and its clients report while going away is noise.
     */
    private static void quietBrokerShutdown() {
        setLevel(ch.qos.logback.classic.Level.OFF, "kafka", "org.apache.kafka", "state.change.logger",
                "org.springframework.kafka.test");
    }

    /**
     * The broker and database start before any Spring application has configured logging, and Kafka
     * logs its whole configuration at INFO. Each service's own logging config takes over afterwards.
     */
    private static void quietInfrastructureLogs() {
        setLevel(ch.qos.logback.classic.Level.WARN, "kafka", "org.apache.kafka", "state.change.logger", "io.zonky");
    }

    private static void setLevel(ch.qos.logback.classic.Level level, String... names) {
        for (String name : names) {
            if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) {
                logger.setLevel(level);
            }
        }
    }

    static Path writeState(Path stateDir, DemoTenant demo) {
        return stateDir == null ? null : StateFile.write(stateDir, StateFile.of(demo));
    }

    private static void printBanner(DevStack stack, Path file) {
        DemoTenant d = stack.demo();
        Platform p = stack.platform();
        String bootstrap = p.infra().kafkaBootstrap() != null ? p.infra().kafkaBootstrap() : "(external)";
        System.out.printf("""

                ── Ringline dev stack is up ───────────────────────────────────────────
                  API gateway           %s
                  call-signaling        %s
                  media-bridge          %s
                  webhook-fanout        %s
                  provider sandbox      %s
                  Kafka bootstrap       %s

                  Demo tenant           %s
                  tenant API key        %s
                  META number           %s  %s  key %s
                  EVO_GO number         %s  %s  key %s
                  webhook               %s  secret %s  → %s/sandbox/webhook-sink/deliveries
                  operator token        %s  (x-operator-token, POST /admin/tenants)

                  Written to %s
                  Try:  curl -s -X POST %s/v1/calls -H 'x-api-key: %s' \\
                          -H 'content-type: application/json' -d '{"to":"+5511988887777"}'
                  Stop: Ctrl-C
                ────────────────────────────────────────────────────────────────────────
                """,
                d.gatewayUrl(), p.service("call-signaling-service").url(), p.service("media-bridge-service").url(),
                p.service("webhook-fanout-service").url(), d.sandboxUrl(), bootstrap,
                d.tenantId(), d.tenantApiKey(),
                d.metaNumber().id(), d.metaNumber().phone(), d.metaNumber().apiKey(),
                d.evoGoNumber().id(), d.evoGoNumber().phone(), d.evoGoNumber().apiKey(),
                d.webhookId(), d.webhookSecret(), d.sandboxUrl(), d.operatorToken(),
                file, d.gatewayUrl(), d.evoGoNumber().apiKey());
    }

    private static void printProcessBanner(ProcessStack stack, Path stateDir) {
        DemoTenant d = stack.demo();
        StringBuilder processes = new StringBuilder();
        for (ProcessStatus p : stack.supervisor().status().values()) {
            processes.append(String.format("  %-24s%s  pid %d%n", p.name(), p.url(), p.pid()));
        }
        System.out.printf("""

                ── Ringline dev stack is up: one process per service, in %d ms ─────────
                %s  Kafka bootstrap       %s
                  logs                  %s
                  start-up CPU          %.1f s in all processes, %.0f %% of it JIT compiling

                  Demo tenant           %s
                  EVO_GO number         %s  %s  key %s
                  META number           %s  %s  key %s

                  Written to %s (pids under "processes", rewritten on every restart)
                  Stop: Ctrl-C
                ────────────────────────────────────────────────────────────────────────
                """,
                stack.upIn().toMillis(), processes,
                stack.infra().kafkaBootstrap() != null ? stack.infra().kafkaBootstrap() : "(external)",
                stack.supervisor().status().values().iterator().next().log().toAbsolutePath().getParent(),
                stack.startupCpu().cpuMs() / 1000.0, stack.startupCpu().jitPercent(),
                d.tenantId(), d.evoGoNumber().id(), d.evoGoNumber().phone(), d.evoGoNumber().apiKey(),
                d.metaNumber().id(), d.metaNumber().phone(), d.metaNumber().apiKey(),
                stateDir == null ? "(nothing: no state dir)" : stateDir.resolve(StateFile.NAME).toAbsolutePath());
    }
}
