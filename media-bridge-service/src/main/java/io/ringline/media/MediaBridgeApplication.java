package io.ringline.media;

import io.ringline.platform.crypto.reencrypt.ReencryptCommand;
import io.ringline.platform.crypto.reencrypt.SealedColumn;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Owns EVO_GO audio: knows which calls are live; {@code /play} and realtime sessions build on that. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MediaBridgeApplication {

    public static final String CONFIG_NAME = "media-bridge-service";

    /**
     * Every column of the {@code media} schema that holds a SecretBox envelope (re-encrypted by
     * {@code --ringline.reencrypt}; docs/security.md, "Secrets").
     */
    public static final List<SealedColumn> SEALED_COLUMNS = List.of(
            SealedColumn.of("realtime_session_tokens", "sealed_upstream", "token_hash"));

    /** Used by {@link #main} and by the dev stack, which runs every service in one JVM. */
    public static SpringApplication application() {
        SpringApplication app = new SpringApplication(MediaBridgeApplication.class);
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
