package io.ringline.gateway;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Ringline's public HTTP edge: tenants, numbers and keys, the calls and webhooks API, provider webhook ingress. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    public static final String CONFIG_NAME = "api-gateway";

    /** The application as both {@code main} and the dev stack (which runs every service in one JVM) start it. */
    public static SpringApplication application() {
        SpringApplication app = new SpringApplication(GatewayApplication.class);
        // A default, not a fixed value: the dev stack and tests may still point the config name elsewhere.
        app.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        return app;
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
