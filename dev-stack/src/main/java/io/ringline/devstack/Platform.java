package io.ringline.devstack;

import io.ringline.fanout.FanoutApplication;
import io.ringline.gateway.GatewayApplication;
import io.ringline.infra.EmbeddedInfra;
import io.ringline.media.MediaBridgeApplication;
import io.ringline.sandbox.SandboxApplication;
import io.ringline.signaling.SignalingApplication;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;

/**
 * The whole platform in one JVM: embedded Kafka and PostgreSQL (unless external ones are configured),
 * then the sandbox and the four services, each its own Spring application with its own port, its own
 * database schema and its own Kafka consumer groups. Closing it stops them in reverse order.
 */
public final class Platform implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Platform.class);

    /**
     * The sandbox uses no database or broker, but in this shared class path it would see the services'
     * R2DBC, JDBC, Flyway and Kafka auto-configurations (and the platform defaults that feed them).
     */
    private static final String SANDBOX_EXCLUDES = String.join(",",
            "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
            "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration",
            "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcRepositoriesAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
            // A JDBC DataSource backs off only when an R2DBC ConnectionFactory exists; the sandbox has neither.
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
            "org.springframework.boot.kafka.autoconfigure.metrics.KafkaMetricsAutoConfiguration",
            "io.ringline.platform.kafka.KafkaPlatformConfiguration",
            "io.ringline.platform.config.PlatformAutoConfiguration");

    private final EmbeddedInfra infra;
    private final List<ServiceInstance> services = new ArrayList<>();

    private Platform(EmbeddedInfra infra) {
        this.infra = infra;
    }

    public static Platform start(DevStackOptions options) {
        long started = System.nanoTime();
        EmbeddedInfra infra = EmbeddedInfra.start(options.externalKafka() == null, options.kafkaPort(),
                !options.externalDatabase(), options.postgresPort());
        Platform platform = new Platform(infra);
        try {
            Map<String, String> common = new LinkedHashMap<>(infra.environment());
            if (options.externalKafka() != null) {
                common.put("RINGLINE_KAFKA_BOOTSTRAP", options.externalKafka());
            }
            ServiceInstance sandbox = platform.run("provider-sandbox", SandboxApplication.application(),
                    options.sandboxPort(), Map.of("spring.autoconfigure.exclude", SANDBOX_EXCLUDES), options);
            ServiceInstance signaling = platform.run("call-signaling-service", SignalingApplication.application(),
                    options.signalingPort(), common, options);
            Map<String, String> fanoutProps = new LinkedHashMap<>(common);
            fanoutProps.putAll(DevProfile.properties("webhook-fanout-service"));
            ServiceInstance fanout = platform.run("webhook-fanout-service", FanoutApplication.application(),
                    options.fanoutPort(), fanoutProps, options);
            Map<String, String> mediaProps = new LinkedHashMap<>(common);
            mediaProps.putAll(DevProfile.properties("media-bridge-service"));
            ServiceInstance media = platform.run("media-bridge-service", MediaBridgeApplication.application(),
                    options.mediaPort(), mediaProps, options);
            Map<String, String> gatewayProps = new LinkedHashMap<>(common);
            gatewayProps.put("ringline.signaling.url", signaling.url());
            gatewayProps.put("ringline.fanout.url", fanout.url());
            gatewayProps.put("ringline.media.url", media.url());
            platform.run("api-gateway", GatewayApplication.application(), options.gatewayPort(), gatewayProps, options);
            log.info("Ringline platform up in {} ms (sandbox {})", (System.nanoTime() - started) / 1_000_000,
                    sandbox.url());
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    private ServiceInstance run(String name, SpringApplication app, int port, Map<String, String> properties,
            DevStackOptions options) {
        app.setRegisterShutdownHook(false); // the platform stops services itself, in reverse order
        List<String> args = new ArrayList<>();
        args.add("--server.port=" + port);
        // Logging is JVM-wide: one context's name would label every service's lines. Logger names
        // (io.ringline.gateway…, io.ringline.signaling…) tell the services apart instead.
        args.add("--logging.include-application-name=false");
        properties.forEach((k, v) -> args.add("--" + k + "=" + v));
        options.propertiesFor(name).forEach((k, v) -> args.add("--" + k + "=" + v));
        ServiceInstance instance = new ServiceInstance(name, app.run(args.toArray(String[]::new)));
        services.add(instance);
        log.info("{} listening on {}", name, instance.url());
        return instance;
    }

    public ServiceInstance service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }

    public EmbeddedInfra infra() {
        return infra;
    }

    @Override
    public void close() {
        stopServices();
        infra.close();
    }

    /** Stops the services, newest first (the gateway before what it calls); idempotent. */
    public void stopServices() {
        for (int i = services.size() - 1; i >= 0; i--) {
            ServiceInstance s = services.get(i);
            try {
                s.context().close();
            } catch (RuntimeException e) {
                log.warn("{} did not stop cleanly: {}", s.name(), e.toString());
            }
        }
        services.clear();
    }
}
