package io.ringline.fanout.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringline.fanout.FanoutApplication;
import io.ringline.infra.EmbeddedInfra;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fan-out service as a separate operating-system process (same class path as the tests), pointed at
 * the shared embedded broker and database — so a test can SIGKILL it ({@link Process#destroyForcibly}).
 */
public final class FanoutProcess implements AutoCloseable {

    public static final String TOKEN = "kill-test-token";

    private final Process process;
    private final int port;

    private FanoutProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * @param schema its own database schema and consumer group, so the test JVM's own fan-out context (if one
     *               is running) neither sees its deliveries nor takes its partitions
     */
    public static FanoutProcess start(String schema, Path log, Map<String, String> extraEnv) {
        return start(schema, log, extraEnv, Map.of());
    }

    /** As {@link #start(String, Path, Map)}, with {@code properties} in place of (or beside) the defaults below. */
    public static FanoutProcess start(String schema, Path log, Map<String, String> extraEnv,
            Map<String, String> properties) {
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("server.port", String.valueOf(port));
        settings.put("ringline.db.schema", schema);
        settings.put("spring.flyway.locations", "classpath:db/platform,classpath:db/migration/fanout");
        settings.put("spring.kafka.consumer.group-id", schema);
        settings.put("ringline.internal-token", TOKEN);
        settings.put("ringline.fanout.allow-private-networks", "true");
        settings.put("ringline.fanout.delivery.timeout", "5s");
        settings.put("ringline.fanout.delivery.lease", "10s");
        settings.put("ringline.fanout.delivery.retry-schedule", "1s,1s,1s,1s,1s");
        settings.put("ringline.fanout.delivery.jitter", "0");
        settings.put("ringline.fanout.delivery.poll-interval", "100ms");
        settings.putAll(properties); // one value per key: Spring would join a repeated argument's values
        List<String> command = new ArrayList<>(List.of(java, "-Xmx320m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                FanoutApplication.class.getName()));
        settings.forEach((key, value) -> command.add("--" + key + "=" + value));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(EmbeddedInfra.shared().environment());
        builder.environment().putAll(extraEnv);
        try {
            FanoutProcess started = new FanoutProcess(builder.start(), port);
            started.awaitHealthy();
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitHealthy() {
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("fan-out process exited with " + process.exitValue());
            }
            return http.send(HttpRequest.newBuilder(URI.create(url("/actuator/health"))).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        });
    }

    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Subscribes {@code url} to every event of {@code tenant} through this process's internal API. */
    public void subscribe(String tenant, String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(url("/internal/tenants/" + tenant + "/webhooks")))
                .header("content-type", "application/json")
                .header("x-internal-token", TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + url + "\",\"events\":[\"*\"]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    /** SIGKILL: no shutdown hook, no graceful stop — whatever was in flight is cut off. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path logFile(String name) {
        File dir = new File("target/fanout-processes");
        dir.mkdirs();
        return dir.toPath().resolve(name + ".log");
    }
}
