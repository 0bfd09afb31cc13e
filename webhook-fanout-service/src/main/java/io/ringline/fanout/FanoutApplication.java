package io.ringline.fanout;

import io.ringline.platform.crypto.reencrypt.ReencryptCommand;
import io.ringline.platform.crypto.reencrypt.SealedColumn;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Turns call-events into signed, retried webhook deliveries to tenant subscriptions. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FanoutApplication {

    public static final String CONFIG_NAME = "webhook-fanout-service";

    /**
     * Every column of the {@code fanout} schema that holds a SecretBox envelope (re-encrypted by
     * {@code --ringline.reencrypt}; docs/security.md, "Secrets"): the signing secret and, during a rotation's
     * grace period, the previous one. Rotation compares the current envelope before writing, so no version bump.
     */
    public static final List<SealedColumn> SEALED_COLUMNS = List.of(
            SealedColumn.of("subscription", "secret_encrypted", "id"),
            SealedColumn.of("subscription", "previous_secret_encrypted", "id"));

    /** Used by {@link #main} and by the dev stack, which runs every service in one JVM. */
    public static SpringApplication application() {
        SpringApplication app = new SpringApplication(FanoutApplication.class);
        // A default, not a system property: several services share one JVM in the dev stack.
        app.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        return app;
    }

    /** Runs the service, or with {@code --ringline.reencrypt} re-encrypts its sealed columns and exits. */
    public static void main(String[] args) {
        if (ReencryptCommand.requested(args)) {
            System.exit(ReencryptCommand.run(CONFIG_NAME, SEALED_COLUMNS, args));
        }
        application().run(args);
    }
}
