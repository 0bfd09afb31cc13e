package io.ringline.sandbox;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Simulated Meta Graph API and Evolution GO with a control API and a recording webhook sink (SPEC §7). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SandboxApplication {

    /**
     * The dev stack runs every Ringline service as its own Spring context in one JVM, so each service reads
     * its own config file instead of a shared {@code application.yml}.
     */
    public static SpringApplication application() {
        SpringApplication app = new SpringApplication(SandboxApplication.class);
        app.setDefaultProperties(Map.of("spring.config.name", "provider-sandbox"));
        return app;
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
