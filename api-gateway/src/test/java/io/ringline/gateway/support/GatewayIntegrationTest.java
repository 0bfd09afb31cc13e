package io.ringline.gateway.support;

import io.ringline.gateway.GatewayApplication;
import io.ringline.infra.InfraProperties;
import io.ringline.platform.security.testing.HandlerPassage;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base of every integration test: the real gateway on a random port, against the shared embedded Kafka
 * broker and PostgreSQL, with the signaling and fan-out services played by {@link TestInfra}'s fakes.
 * All subclasses share one Spring context (same configuration), so the test JVM starts the gateway once. The
 * context includes the test-only {@link HandlerPassage} filter, inert unless a request carries its probe header.
 */
@Import(HandlerPassage.Configuration.class)
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.config.name=api-gateway",
                // Short enough for the timeout test, long enough for a loaded 2-core machine.
                "ringline.gateway.command-timeout=4s",
                // The producer's sub-second production bounds (DependencyProperties) are proven by
                // DegradationIntegrationTest in a context of its own. Here, on a loaded CI machine, the shared
                // embedded broker once took longer than 800 ms to acknowledge a command and the test saw a 503:
                // give it room, still inside the command timeout.
                "ringline.gateway.dependencies.kafka-max-block=3s",
                "ringline.gateway.dependencies.kafka-request-timeout=3s",
                "ringline.gateway.dependencies.kafka-delivery-timeout=3500ms",
                // Limits far above what the tests send: they are proven in ratelimit/, with their own contexts.
                "ringline.gateway.rate-limit.defaults.tenant-per-second=100000",
                "ringline.gateway.rate-limit.defaults.tenant-burst=100000",
                "ringline.gateway.rate-limit.defaults.key-per-second=100000",
                "ringline.gateway.rate-limit.defaults.key-burst=100000",
                "ringline.gateway.source-limit.webhooks.per-second=100000",
                "ringline.gateway.source-limit.webhooks.burst=100000",
                "ringline.gateway.source-limit.anonymous.per-second=100000",
                "ringline.gateway.source-limit.anonymous.burst=100000",
                "ringline.security.failed-authentication.miss-ttl=1m"
        })
public abstract class GatewayIntegrationTest {

    public static final String OPERATOR_TOKEN = "dev-operator-token";
    /** Off the management port, actuator beyond health takes the internal token. */
    public static final String INTERNAL_TOKEN = "dev-internal-token";

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        InfraProperties.register(registry);
        registry.add("ringline.signaling.url", () -> TestInfra.http().url());
        registry.add("ringline.fanout.url", () -> TestInfra.http().url());
    }

    @LocalServerPort
    protected int port;

    protected WebTestClient http;
    protected Fixtures fixtures;

    @BeforeEach
    void connect() {
        http = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
        fixtures = new Fixtures(http);
        TestInfra.signaling();
        TestInfra.providerSignals();
    }
}
