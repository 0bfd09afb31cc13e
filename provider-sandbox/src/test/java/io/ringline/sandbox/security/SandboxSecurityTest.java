package io.ringline.sandbox.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.sandbox.support.SandboxTest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.result.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.server.WebFilter;

/**
 * The simulator is public by design, but by rule: every route it registers passes its security chain without a
 * credential (seen by a test-only filter right behind the chain), the realtime WebSocket too; a path no rule names is
 * {@code 404 NOT_FOUND}; a non-normalised path is {@code 400 INVALID_PATH}.
 */
@SandboxTest
@Import(SandboxSecurityTest.Passage.class)
class SandboxSecurityTest {

    static final String PROBE = "x-sandbox-probe";

    /** Records probes that got past the security chain (-100), before the simulator's own filters (-50 and later). */
    @TestConfiguration(proxyBeanMethods = false)
    static class Passage {
        static final Set<String> PASSED = ConcurrentHashMap.newKeySet();

        @Bean
        WebFilter passageRecorder() {
            return new OrderedRecorder();
        }
    }

    static final class OrderedRecorder implements WebFilter, Ordered {
        @Override
        public reactor.core.publisher.Mono<Void> filter(org.springframework.web.server.ServerWebExchange exchange,
                org.springframework.web.server.WebFilterChain chain) {
            String probe = exchange.getRequest().getHeaders().getFirst(PROBE);
            if (probe != null) {
                Passage.PASSED.add(probe);
            }
            return chain.filter(exchange);
        }

        @Override
        public int getOrder() {
            return -60;
        }
    }

    @Autowired
    ApplicationContext context;
    @Autowired
    WebTestClient client;
    @LocalServerPort
    int port;

    @Test
    void everyRegisteredRouteAndTheRealtimeSocketPassTheChainWithoutACredential() {
        List<String> refused = new ArrayList<>();
        List<String[]> routes = new ArrayList<>();
        context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values().forEach(mapping ->
                mapping.getHandlerMethods().keySet().forEach(info -> info.getPatternsCondition().getPatterns()
                        .forEach(pattern -> {
                            var methods = info.getMethodsCondition().getMethods();
                            String method = methods.isEmpty() ? "GET" : methods.iterator().next().name();
                            routes.add(new String[] {method, pattern.getPatternString()});
                        })));
        routes.add(new String[] {"GET", "/evogo/{instance}/call/media/realtime/ws"});
        assertThat(routes).hasSizeGreaterThan(20);
        for (String[] route : routes) {
            String path = route[1].replaceAll("\\{\\*?([^}]+)}", "p-$1").replace("/**", "/p");
            String probe = UUID.randomUUID().toString();
            client.method(HttpMethod.valueOf(route[0])).uri(URI.create("http://localhost:" + port + path))
                    .header(PROBE, probe).exchange().expectBody().returnResult();
            if (!Passage.PASSED.contains(probe)) {
                refused.add(route[0] + " " + route[1]);
            }
        }
        assertThat(refused).as("routes the sandbox registers but its chain refuses").isEmpty();
    }

    @Test
    void unnamedPathsAreNotFoundAndNonNormalisedOnesInvalid() {
        for (String path : List.of("/nothing/here", "/actuator/env", "/internal/live-calls")) {
            client.get().uri(URI.create("http://localhost:" + port + path)).exchange()
                    .expectStatus().isNotFound()
                    .expectBody().jsonPath("$.code").isEqualTo("NOT_FOUND");
        }
        for (String path : List.of("/sandbox;x/faults", "/sandbox/%2e%2e/faults", "/sandbox//faults")) {
            client.get().uri(URI.create("http://localhost:" + port + path)).exchange()
                    .expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.code").isEqualTo("INVALID_PATH");
        }
    }
}
