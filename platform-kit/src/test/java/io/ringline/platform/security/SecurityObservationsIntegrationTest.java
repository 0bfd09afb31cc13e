package io.ringline.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ringline.infra.InfraProperties;
import io.ringline.platform.KitTestApplication;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Spring Security's own observations are off in every service (docs/performance.md "Hot path step: Spring Security's
 * observations off"): requests through the chain — one let through, one refused — leave {@code http.server.requests}
 * timed and no {@code spring.security.*} meter. With Spring Security's defaults, each request would add the chain's
 * before/after timers and an authorization timer.
 */
@SpringBootTest(classes = KitTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=kit-test")
class SecurityObservationsIntegrationTest {

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        InfraProperties.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Test
    void requestsThroughTheChainAreTimedWithoutSpringSecuritysOwnObservations() {
        WebClient client = WebClient.create("http://127.0.0.1:" + port);
        int allowed = status(client, "/actuator/health");
        int refused = status(client, "/no-such-route");

        assertThat(allowed).isEqualTo(200);
        assertThat(refused).isBetween(400, 499);
        // The server stops a request's observation after the response is written: wait for both.
        await().atMost(Duration.ofSeconds(10)).until(() -> requestsTimed() >= 2);
        List<String> securityMeters = meters.getMeters().stream().map(Meter::getId).map(Meter.Id::getName)
                .filter(name -> name.startsWith("spring.security")).distinct().toList();
        assertThat(securityMeters).as("Spring Security's own observations").isEmpty();
    }

    private long requestsTimed() {
        return meters.find("http.server.requests").timers().stream().mapToLong(t -> t.count()).sum();
    }

    private static int status(WebClient client, String path) {
        return client.get().uri(path).exchangeToMono(response -> response.releaseBody()
                .thenReturn(response.statusCode().value())).block(Duration.ofSeconds(10));
    }
}
