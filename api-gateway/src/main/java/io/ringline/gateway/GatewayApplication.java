package io.ringline.gateway;

import io.ringline.platform.crypto.reencrypt.ReencryptCommand;
import io.ringline.platform.crypto.reencrypt.SealedColumn;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Ringline's public HTTP edge: tenants, numbers and keys, the calls and webhooks API, provider webhook ingress. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    public static final String CONFIG_NAME = "api-gateway";

    /**
     * Every column of the {@code gateway} schema that holds a SecretBox envelope (re-encrypted by
     * {@code --ringline.reencrypt}; docs/security.md, "Secrets"). A number's version is bumped with its
     * envelope: the gateway writes whole rows under an optimistic lock and must not write an old envelope back.
     */
    public static final List<SealedColumn> SEALED_COLUMNS = List.of(
            SealedColumn.of("numbers", "encrypted_credentials", "id").bumpingVersion("version"),
            SealedColumn.of("idempotency_keys", "response_sealed", "api_key_id", "idempotency_key"));

    /** The application as both {@code main} and the dev stack (which runs every service in one JVM) start it. */
    public static SpringApplication application() {
        SpringApplication app = new SpringApplication(GatewayApplication.class);
        // A default, not a fixed value: the dev stack and tests may still point the config name elsewhere.
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
