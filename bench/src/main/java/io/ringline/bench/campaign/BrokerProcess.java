package io.ringline.bench.campaign;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker (KRaft, broker and controller in one node) as its own JVM with its log in a fixed directory,
 * so the campaign can stop it (SIGTERM: a controlled shutdown) and start it again on the same log and port — what the
 * dev stack's in-JVM broker cannot do. It runs from this JVM's own class path ({@code kafka_2.13}, which
 * {@code embedded-infra} brings for the in-JVM broker).
 */
final class BrokerProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BrokerProcess.class);

    private final Path dir;
    private final int port;
    private Process process;

    private BrokerProcess(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Formats a log directory under {@code dir}, starts the broker and waits until it answers. */
    static BrokerProcess start(Path dir, Duration readyWithin) {
        try {
            Files.createDirectories(dir);
            int port = freePort();
            int controller = freePort();
            Properties config = new Properties();
            config.put("process.roles", "broker,controller");
            config.put("node.id", "1");
            config.put("controller.quorum.voters", "1@localhost:" + controller);
            config.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controller);
            config.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
            config.put("controller.listener.names", "CONTROLLER");
            config.put("inter.broker.listener.name", "PLAINTEXT");
            config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            config.put("log.dirs", dir.resolve("log").toAbsolutePath().toString());
            // One broker: internal topics cannot be replicated more than once (as embedded-infra's broker).
            config.put("offsets.topic.replication.factor", "1");
            config.put("transaction.state.log.replication.factor", "1");
            config.put("transaction.state.log.min.isr", "1");
            config.put("share.coordinator.state.topic.replication.factor", "1");
            config.put("share.coordinator.state.topic.min.isr", "1");
            config.put("auto.create.topics.enable", "true");
            config.put("group.initial.rebalance.delay.ms", "0");
            try (var out = Files.newBufferedWriter(dir.resolve("server.properties"))) {
                config.store(out, "campaign broker");
            }
            Files.writeString(dir.resolve("logback.xml"), """
                    <configuration>
                      <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
                        <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
                      </appender>
                      <root level="WARN"><appender-ref ref="out"/></root>
                      <logger name="kafka.server.KafkaRaftServer" level="INFO"/>
                      <logger name="kafka.server.BrokerServer" level="INFO"/>
                    </configuration>
                    """);
            BrokerProcess broker = new BrokerProcess(dir, port);
            int formatted = broker.java("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                    "-c", dir.resolve("server.properties").toString()).waitFor();
            if (formatted != 0) {
                throw new IllegalStateException("formatting the broker's log failed; see " + dir.resolve("broker.log"));
            }
            broker.startAndAwait(readyWithin);
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the campaign's broker", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    String bootstrap() {
        return "localhost:" + port;
    }

    long pid() {
        return process.pid();
    }

    /** SIGTERM (controlled shutdown), wait for the exit; the log stays. */
    void stop(Duration within) {
        process.destroy();
        try {
            if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("the broker did not stop within {}; killing it", within);
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Starts the broker again on the same log directory and port; returns once it answers. */
    void startAndAwait(Duration within) {
        process = java("kafka.Kafka", dir.resolve("server.properties").toString());
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "campaign-broker-probe");
        Instant deadline = Instant.now().plus(within);
        try (Admin admin = Admin.create(props)) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the broker exited with " + process.exitValue() + "; see "
                            + dir.resolve("broker.log"));
                }
                try {
                    admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
                    return;
                } catch (Exception notYet) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("the broker did not answer within " + within + "; see "
                                + dir.resolve("broker.log"));
                    }
                }
            }
        }
    }

    private Process java(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-XX:+UseSerialGC", "-Dlogback.configurationFile=" + dir.resolve("logback.xml").toAbsolutePath(),
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        try {
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.log").toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + mainClass, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            stop(Duration.ofSeconds(60));
        }
    }
}
