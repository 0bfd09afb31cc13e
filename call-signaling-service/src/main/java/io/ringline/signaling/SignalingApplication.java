package io.ringline.signaling;

import io.ringline.platform.crypto.reencrypt.ReencryptCommand;
import io.ringline.platform.crypto.reencrypt.SealedColumn;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** The call signaling service: owns every call's state machine, its provider requests and its events. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SignalingApplication {

    public static final String NAME = "call-signaling-service";

    /**
     * Every column of the {@code signaling} schema that holds a SecretBox envelope (re-encrypted by
     * {@code --ringline.reencrypt}; docs/security.md, "Secrets"). The replica's version is the gateway's
     * revision, so re-encryption leaves it alone.
     */
    public static final List<SealedColumn> SEALED_COLUMNS = List.of(
            SealedColumn.of("numbers", "encrypted_credentials", "number_id"));

    /** Used by {@link #main} and by the dev stack, which runs every service in one JVM. */
    public static SpringApplication application() {
        SpringApplication app = new SpringApplication(SignalingApplication.class);
        app.setDefaultProperties(Map.of("spring.config.name", NAME));
        return app;
    }

    /** Runs the service, or with {@code --ringline.reencrypt} re-encrypts its sealed columns and exits. */
    public static void main(String[] args) {
        if (ReencryptCommand.requested(args)) {
            System.exit(ReencryptCommand.run(NAME, SEALED_COLUMNS, args));
        }
        application().run(args);
    }

    /** Every "now" of the service comes from here, so timers can be tested without waiting. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
