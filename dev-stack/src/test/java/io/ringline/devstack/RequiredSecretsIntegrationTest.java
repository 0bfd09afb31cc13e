package io.ringline.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringline.fanout.FanoutApplication;
import io.ringline.gateway.GatewayApplication;
import io.ringline.infra.EmbeddedInfra;
import io.ringline.media.MediaBridgeApplication;
import io.ringline.platform.config.MissingSecretException;
import io.ringline.platform.crypto.SecretBox;
import io.ringline.signaling.SignalingApplication;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * No service has default secrets outside the {@code dev} profile: each of the four refuses to start while
 * any secret it needs is unset — naming the variable, before touching the database or the broker — and
 * starts with them set (against the embedded broker and database), using the configured values.
 */
class RequiredSecretsIntegrationTest {

    private static final String CRYPTO = "RINGLINE_CRYPTO_KEYS";
    private static final String INTERNAL = "RINGLINE_INTERNAL_TOKEN";
    private static final String OPERATOR = "RINGLINE_OPERATOR_TOKEN";
    private static final String RING = "k7:" + Base64.getEncoder().encodeToString(new byte[32]);

    record Service(String name, Supplier<SpringApplication> application, List<String> secrets) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Service> services() {
        return Stream.of(
                new Service("api-gateway", GatewayApplication::application, List.of(CRYPTO, INTERNAL, OPERATOR)),
                new Service("call-signaling-service", SignalingApplication::application, List.of(CRYPTO, INTERNAL)),
                new Service("media-bridge-service", MediaBridgeApplication::application, List.of(CRYPTO, INTERNAL)),
                new Service("webhook-fanout-service", FanoutApplication::application, List.of(CRYPTO, INTERNAL)));
    }

    static Stream<Arguments> eachSecretOfEachService() {
        return services().flatMap(s -> s.secrets().stream().map(secret -> Arguments.of(s, secret)));
    }

    @ParameterizedTest(name = "{0} without {1}")
    @MethodSource("eachSecretOfEachService")
    void refusesToStartWithoutTheSecretOutsideTheDevProfile(Service service, String missing) {
        Map<String, String> secrets = allSecrets();
        secrets.put(missing, "");
        if (missing.equals(CRYPTO)) {
            secrets.put("RINGLINE_CRYPTO_KEY", ""); // the single-key form of earlier versions would do too
        }

        assertThatThrownBy(() -> start(service, secrets, Map.of()).close())
                .isInstanceOf(MissingSecretException.class)
                .hasMessageStartingWith(missing)
                .satisfies(e -> service.secrets().stream().filter(s -> !s.equals(missing))
                        .forEach(other -> assertThat(e.getMessage()).doesNotContain(other)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void startsWithItsSecretsAndUsesThem(Service service) {
        try (ConfigurableApplicationContext context = start(service, allSecrets(), EmbeddedInfra.shared().environment())) {
            assertThat(context.isRunning()).isTrue();
            assertThat(context.getEnvironment().matchesProfiles("dev")).isFalse();
            assertThat(context.getBean(SecretBox.class).keyIds()).containsExactly("k7");
        }
    }

    /** Every secret any service needs, as real (non-development) values; the dev fallbacks are blanked. */
    private static Map<String, String> allSecrets() {
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put(CRYPTO, RING);
        secrets.put("RINGLINE_CRYPTO_KEY", "");
        secrets.put(INTERNAL, "internal-token-for-this-test");
        secrets.put(OPERATOR, "operator-token-for-this-test");
        return secrets;
    }

    /** The service as its jar starts it, with the secrets as its environment and no dev profile. */
    private static ConfigurableApplicationContext start(Service service, Map<String, String> secrets,
            Map<String, String> infra) {
        List<String> args = new ArrayList<>(List.of("--spring.profiles.active=production", "--server.port=0",
                "--spring.kafka.consumer.group-id=required-secrets-" + service.name()));
        secrets.forEach((k, v) -> args.add("--" + k + "=" + v));
        infra.forEach((k, v) -> args.add("--" + k + "=" + v));
        SpringApplication app = service.application().get();
        app.setRegisterShutdownHook(false);
        return app.run(args.toArray(String[]::new));
    }
}
