package io.ringline.fanout;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Turns call-events into signed, retried webhook deliveries to tenant subscriptions. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FanoutApplication {

    public static final String CONFIG_NAME = "webhook-fanout-service";

    /** Used by {@link #main} and by the dev stack, which runs every service in one JVM. */
    public static SpringApplication application() {
        SpringApplication app = new SpringApplication(FanoutApplication.class);
        // A default, not a system property: several services share one JVM in the dev stack.
        app.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        return app;
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
