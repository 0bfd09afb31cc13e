package io.ringline.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

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
        quietInfrastructureLogs();
        DevStackOptions options = DevStackOptions.fromEnvironment(System.getenv());
        DevStack stack = start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping Ringline…");
            // The broker's temporary log dir is deleted by its own JVM-exit hook while everything stops;
            // what the broker and its clients report while going away is noise.
            setLevel(ch.qos.logback.classic.Level.OFF, "kafka", "org.apache.kafka", "state.change.logger");
            stack.close();
            stopped.countDown();
        }, "dev-stack-stop"));
        Path file = writeState(options.stateDir(), stack.demo());
        printBanner(stack, file);
        stopped.await();
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
        if (stateDir == null) {
            return null;
        }
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("gatewayUrl", demo.gatewayUrl());
        state.put("sandboxUrl", demo.sandboxUrl());
        state.put("tenantId", demo.tenantId());
        state.put("tenantApiKey", demo.tenantApiKey());
        state.put("metaNumber", demo.metaNumber());
        state.put("evoGoNumber", demo.evoGoNumber());
        state.put("webhookId", demo.webhookId());
        state.put("webhookSecret", demo.webhookSecret());
        state.put("operatorToken", demo.operatorToken());
        try {
            Files.createDirectories(stateDir);
            Path file = stateDir.resolve("dev-stack.json");
            JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
            Files.writeString(file, json.writeValueAsString(state));
            return file.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + stateDir + "/dev-stack.json", e);
        }
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
}
