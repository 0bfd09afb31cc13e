package io.ringline.signaling;

import java.time.Clock;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The call signaling service: owns every call's state machine, its provider requests and its events. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class SignalingApplication {

    public static final String NAME = "call-signaling-service";

    /** Used by {@link #main} and by the dev stack, which runs every service in one JVM. */
    public static SpringApplication application() {
        SpringApplication app = new SpringApplication(SignalingApplication.class);
        app.setDefaultProperties(Map.of("spring.config.name", NAME));
        return app;
    }

    public static void main(String[] args) {
        application().run(args);
    }

    /** Every "now" of the service comes from here, so timers can be tested without waiting. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
