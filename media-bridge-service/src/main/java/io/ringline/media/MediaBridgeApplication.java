package io.ringline.media;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Owns EVO_GO audio: knows which calls are live; {@code /play} and realtime sessions build on that. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MediaBridgeApplication {

    public static final String CONFIG_NAME = "media-bridge-service";

    /** Used by {@link #main} and by the dev stack, which runs every service in one JVM. */
    public static SpringApplication application() {
        SpringApplication app = new SpringApplication(MediaBridgeApplication.class);
        // A default, not a system property: several services share one JVM in the dev stack.
        app.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        return app;
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
