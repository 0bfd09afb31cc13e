package io.ringline.sandbox;

import io.ringline.sandbox.support.SandboxTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The sandbox boots with its own config file and exposes probes and metrics. */
@SandboxTest
class SandboxApplicationTest {

    @Autowired
    WebTestClient client;

    @Value("${spring.application.name}")
    String applicationName;

    @Test
    void readsProviderSandboxYml() {
        assertThat(applicationName).isEqualTo("provider-sandbox");
    }

    @Test
    void exposesProbesAndPrometheus() {
        client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        client.put().uri("/sandbox/webhook-sink/metrics-check").bodyValue("x").exchange().expectStatus().isOk();
        client.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class)
                .value(body -> assertThat(body)
                        .contains("application=\"provider-sandbox\"")
                        .contains("ringline_sandbox_sink_received"));
    }
}
