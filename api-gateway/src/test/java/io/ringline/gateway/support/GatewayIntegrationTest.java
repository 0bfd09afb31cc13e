package io.ringline.gateway.support;

import io.ringline.gateway.GatewayApplication;
import io.ringline.infra.InfraProperties;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base of every integration test: the real gateway on a random port, against the shared embedded Kafka
 * broker and PostgreSQL, with the signaling and fan-out services played by {@link TestInfra}'s fakes.
 * All subclasses share one Spring context (same configuration), so the test JVM starts the gateway once.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.config.name=api-gateway",
                // Short enough for the timeout test, long enough for a loaded 2-core machine.
                "ringline.gateway.command-timeout=4s",
                "ringline.gateway.rate-limit.capacity=1000",
                "ringline.gateway.rate-limit.refill-per-second=1000",
                // PairingApiIntegrationTest's GO instance listens on 127.0.0.1 (the guard itself: GoPairingClientTest).
                "ringline.gateway.pairing.allow-private-networks=true"
        })
public abstract class GatewayIntegrationTest {

    public static final String OPERATOR_TOKEN = "dev-operator-token";

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        InfraProperties.register(registry);
        registry.add("ringline.signaling.url", () -> TestInfra.http().url());
        registry.add("ringline.fanout.url", () -> TestInfra.http().url());
    }

    @LocalServerPort
    int port;

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
