package io.ringline.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringline.platform.KitTestApplication;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * No default secrets outside the {@code dev} profile: the platform defaults leave them empty, the dev file
 * fills them, and a service without them stops before creating any bean (no database or broker is needed to
 * see it fail), naming the variable to set.
 */
class RequiredSecretsTest {

    @Test
    void developmentSecretsExistOnlyUnderTheDevProfile() {
        StandardEnvironment production = environment();
        StandardEnvironment dev = environment(PlatformDefaults.DEV_PROFILE);

        assertThat(production.getProperty("ringline.internal-token")).isEmpty();
        assertThat(production.getProperty("ringline.crypto.key")).isEmpty();
        assertThat(production.getProperty("ringline.crypto.keys")).isEmpty();
        assertThat(dev.getProperty("ringline.internal-token")).isEqualTo("dev-internal-token");
        assertThat(dev.getProperty("ringline.crypto.key")).isNotBlank();
    }

    @Test
    void realValuesWinOverTheDevelopmentOnes() {
        StandardEnvironment dev = environment(PlatformDefaults.DEV_PROFILE);
        dev.getPropertySources().addFirst(new MapPropertySource("env", Map.of("RINGLINE_INTERNAL_TOKEN", "real")));

        assertThat(dev.getProperty("ringline.internal-token")).isEqualTo("real");
    }

    @Test
    void aServiceWithoutItsSecretsRefusesToStartNamingTheVariable() {
        assertThatThrownBy(() -> start("--RINGLINE_INTERNAL_TOKEN=", "--RINGLINE_CRYPTO_KEYS=k1:" + KEY))
                .isInstanceOf(MissingSecretException.class)
                .hasMessageContaining("RINGLINE_INTERNAL_TOKEN is not set")
                .hasMessageNotContaining("RINGLINE_CRYPTO_KEYS");
        assertThatThrownBy(() -> start("--RINGLINE_INTERNAL_TOKEN=token", "--RINGLINE_CRYPTO_KEYS=", "--RINGLINE_CRYPTO_KEY="))
                .isInstanceOf(MissingSecretException.class)
                .hasMessageContaining("RINGLINE_CRYPTO_KEYS (or RINGLINE_CRYPTO_KEY) is not set")
                .hasMessageNotContaining("RINGLINE_INTERNAL_TOKEN");
    }

    @Test
    void theFailureReportSaysWhatToSetAndHowToDevelopWithoutIt() {
        MissingSecretException missing = new MissingSecretException(java.util.List.of(CryptoProperties.SECRET));

        FailureAnalysis analysis = new MissingSecretFailureAnalyzer().analyze(new IllegalStateException(missing));

        assertThat(analysis.getDescription()).contains("RINGLINE_CRYPTO_KEYS (or RINGLINE_CRYPTO_KEY)")
                .contains("ringline.crypto.keys");
        assertThat(analysis.getAction()).contains("SPRING_PROFILES_ACTIVE=dev").contains("never in production");
    }

    private static final String KEY = java.util.Base64.getEncoder().encodeToString(new byte[32]);

    /** The kit's bare service outside the dev profile (which the test JVM otherwise activates). */
    private static void start(String... secrets) {
        SpringApplication app = new SpringApplication(KitTestApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        String[] args = new String[secrets.length + 2];
        args[0] = "--spring.config.name=kit-test";
        args[1] = "--spring.profiles.active=production";
        System.arraycopy(secrets, 0, args, 2, secrets.length);
        app.run(args).close();
    }

    private static StandardEnvironment environment(String... profiles) {
        StandardEnvironment environment = new StandardEnvironment();
        // Only what this test sets: not the JVM's environment, which may carry real values.
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.setActiveProfiles(profiles);
        new PlatformDefaults().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }
}
