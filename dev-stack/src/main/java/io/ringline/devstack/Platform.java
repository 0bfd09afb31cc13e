package io.ringline.devstack;

import io.ringline.fanout.FanoutApplication;
import io.ringline.gateway.GatewayApplication;
import io.ringline.infra.EmbeddedInfra;
import io.ringline.media.MediaBridgeApplication;
import io.ringline.platform.config.PlatformDefaults;
import io.ringline.sandbox.SandboxApplication;
import io.ringline.signaling.SignalingApplication;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * The whole platform in one JVM: embedded Kafka and PostgreSQL (unless external ones are configured),
 * then the sandbox and the four services, each its own Spring application with its own port, its own
 * database schema and its own Kafka consumer groups, all under the {@code dev} profile. Closing it stops
 * them in reverse order.
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
            "io.ringline.platform.config.PlatformAutoConfiguration",
            // The sandbox declares its own chain and firewall answers; no generated in-memory user either.
            "io.ringline.platform.security.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration");

    private static final String SANDBOX = "provider-sandbox";

    private final EmbeddedInfra infra;
    private final DevStackOptions options;
    private final List<ServiceInstance> services = new ArrayList<>();
    private final Map<String, Launch> launches = new LinkedHashMap<>();

    private Platform(EmbeddedInfra infra, DevStackOptions options) {
        this.infra = infra;
        this.options = options;
    }

    public static Platform start(DevStackOptions options) {
        long started = System.nanoTime();
        EmbeddedInfra infra = EmbeddedInfra.start(options.externalKafka() == null, options.kafkaPort(),
                !options.externalDatabase(), options.postgresPort());
        Platform platform = new Platform(infra, options);
        try {
            Map<String, String> common = new LinkedHashMap<>(infra.environment());
            if (options.externalKafka() != null) {
                common.put("RINGLINE_KAFKA_BOOTSTRAP", options.externalKafka());
            }
            ServiceInstance sandbox = platform.run(SANDBOX, SandboxApplication::application,
                    options.sandboxPort(), Map.of("spring.autoconfigure.exclude", SANDBOX_EXCLUDES));
            Map<String, String> signalingProps = new LinkedHashMap<>(common);
            signalingProps.putAll(DevProfile.properties("call-signaling-service"));
            ServiceInstance signaling = platform.run("call-signaling-service", SignalingApplication::application,
                    options.signalingPort(), signalingProps);
            Map<String, String> fanoutProps = new LinkedHashMap<>(common);
            fanoutProps.putAll(DevProfile.properties("webhook-fanout-service"));
            ServiceInstance fanout = platform.run("webhook-fanout-service", FanoutApplication::application,
                    options.fanoutPort(), fanoutProps);
            Map<String, String> mediaProps = new LinkedHashMap<>(common);
            mediaProps.putAll(DevProfile.properties("media-bridge-service"));
            ServiceInstance media = platform.run("media-bridge-service", MediaBridgeApplication::application,
                    options.mediaPort(), mediaProps);
            Map<String, String> gatewayProps = new LinkedHashMap<>(common);
            gatewayProps.putAll(DevProfile.properties("api-gateway"));
            gatewayProps.put("ringline.signaling.url", signaling.url());
            gatewayProps.put("ringline.fanout.url", fanout.url());
            gatewayProps.put("ringline.media.url", media.url());
            platform.run("api-gateway", GatewayApplication::application, options.gatewayPort(), gatewayProps);
            log.info("Ringline platform up in {} ms (sandbox {})", (System.nanoTime() - started) / 1_000_000,
                    sandbox.url());
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    /** How a service was started, so it can be started again on the same port. */
    private record Launch(String name, Supplier<SpringApplication> application, Map<String, String> properties) {
    }

    private ServiceInstance run(String name, Supplier<SpringApplication> application, int port,
            Map<String, String> properties) {
        Map<String, String> all = new LinkedHashMap<>(properties);
        all.putAll(options.propertiesFor(name));
        return launch(new Launch(name, application, Map.copyOf(all)), port);
    }

    private ServiceInstance launch(Launch launch, int port) {
        SpringApplication app = launch.application().get();
        app.setRegisterShutdownHook(false); // the platform stops services itself, in reverse order
        // The development profile: its *-dev.yml files hold the development secrets (real ones still win).
        app.setAdditionalProfiles(PlatformDefaults.DEV_PROFILE);
        // Closing a context disposes Reactor Netty's global event loops and connection pools (Spring's
        // ReactorResourceFactory), under everything else in this JVM still using them (other services' clients,
        // the sandbox's server): each application gets loops of its own, so one can stop while others run.
        app.addInitializers(context -> ((GenericApplicationContext) context).registerBean(
                ReactorResourceFactory.class, Platform::ownReactorResources));
        List<String> args = new ArrayList<>();
        args.add("--server.port=" + port);
        // Logging is JVM-wide: one context's name would label every service's lines. Logger names
        // (io.ringline.gateway…, io.ringline.signaling…) tell the services apart instead.
        args.add("--logging.include-application-name=false");
        launch.properties().forEach((k, v) -> args.add("--" + k + "=" + v));
        ServiceInstance instance = new ServiceInstance(launch.name(), app.run(args.toArray(String[]::new)));
        services.add(instance);
        launches.put(launch.name(), launch);
        log.info("{} listening on {}", launch.name(), instance.url());
        return instance;
    }

    private static ReactorResourceFactory ownReactorResources() {
        ReactorResourceFactory resources = new ReactorResourceFactory();
        resources.setUseGlobalResources(false);
        return resources;
    }

    /**
     * Stops the four services and starts them again on the same ports, with {@code overrides} (per service
     * name) on top of their properties; the broker, the database and the sandbox (and its state) keep running.
     * Used to change what only a restart changes, such as the crypto key ring.
     */
    public void restartServices(Map<String, Map<String, String>> overrides) {
        List<ServiceInstance> restarting = services.stream().filter(s -> !s.name().equals(SANDBOX)).toList();
        Map<String, Integer> ports = new LinkedHashMap<>();
        restarting.forEach(s -> ports.put(s.name(), s.port()));
        for (int i = restarting.size() - 1; i >= 0; i--) {
            ServiceInstance s = restarting.get(i);
            s.context().close();
            services.remove(s);
        }
        ports.forEach((name, port) -> {
            Launch before = launches.get(name);
            Map<String, String> properties = new LinkedHashMap<>(before.properties());
            properties.putAll(overrides.getOrDefault(name, Map.of()));
            launch(new Launch(name, before.application(), Map.copyOf(properties)), port);
        });
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
