package io.ringline.gateway.ratelimit;

import static io.ringline.gateway.support.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringline.gateway.GatewayApplication;
import io.ringline.gateway.support.Fixtures;
import io.ringline.gateway.support.Fixtures.TenantFixture;
import io.ringline.gateway.support.GatewayIntegrationTest;
import io.ringline.gateway.support.TestInfra;
import io.ringline.infra.EmbeddedInfra;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

/**
 * Two gateway instances (two application contexts, two ports) on one PostgreSQL: a tenant hammering both gets
 * its limit once — plus at most one lease per instance — not twice; other tenants are untouched; an operator's
 * change made through one instance reaches the other within the configured refresh.
 */
class MultiInstanceRateLimitIntegrationTest {

    private static final int INSTANCES = 2;
    /** Lease size of the tenant bucket below: min-tokens 2, burst 20, 0.5 tokens/s × 100 ms → 2. */
    private static final int LEASE = 2;

    private static final List<ConfigurableApplicationContext> gateways = new ArrayList<>();
    private static final List<WebTestClient> clients = new ArrayList<>();

    @BeforeAll
    static void startTwoInstances() {
        for (int i = 0; i < INSTANCES; i++) {
            List<String> args = new ArrayList<>(List.of(
                    "--server.port=0",
                    "--ringline.signaling.url=" + TestInfra.http().url(),
                    "--ringline.fanout.url=" + TestInfra.http().url(),
                    "--ringline.gateway.rate-limit.defaults.tenant-per-second=1000",
                    "--ringline.gateway.rate-limit.defaults.tenant-burst=1000",
                    "--ringline.gateway.rate-limit.defaults.key-per-second=1000",
                    "--ringline.gateway.rate-limit.defaults.key-burst=1000",
                    "--ringline.gateway.rate-limit.config-refresh=1s",
                    "--ringline.gateway.rate-limit.lease.min-tokens=" + LEASE,
                    // A loaded test machine must not push an instance into its local fallback mid-test.
                    "--ringline.gateway.rate-limit.lease.timeout=20s"));
            EmbeddedInfra.shared().environment().forEach((k, v) -> args.add("--" + k + "=" + v));
            var app = GatewayApplication.application();
            app.setRegisterShutdownHook(false);
            // Own event loops: closing an instance that used Reactor Netty's global ones would stop them under
            // every other server in this test JVM (the shared test contexts, the fakes).
            app.addInitializers(context -> ((GenericApplicationContext) context).registerBean(
                    ReactorResourceFactory.class, () -> {
                        ReactorResourceFactory resources = new ReactorResourceFactory();
                        resources.setUseGlobalResources(false);
                        return resources;
                    }));
            ConfigurableApplicationContext context = app.run(args.toArray(String[]::new));
            gateways.add(context);
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            clients.add(WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                    .responseTimeout(Duration.ofSeconds(30)).build());
        }
        assertThat(gateways).hasSize(INSTANCES);
    }

    @AfterAll
    static void stop() {
        gateways.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void aTenantHammeringBothInstancesGetsItsLimitOncePlusTheLeaseSlackNotTwice() {
        Fixtures fixtures = new Fixtures(clients.getFirst());
        TenantFixture tenant = fixtures.tenant();
        List<String> keys = new ArrayList<>(List.of(tenant.key()));
        for (int i = 0; i < 3; i++) {
            keys.add(extraKey(clients.getFirst(), tenant));
        }
        TenantFixture bystander = fixtures.tenant();
        limit(clients.getFirst(), tenant, Map.of("tenantPerSecond", 0.5, "tenantBurst", 20));
        awaitLimitApplied(clients.get(1), keys.getFirst(), "20");

        // Fresh connections of their own: the shared default pool may hold one the fixtures left idle, which the
        // server closes after its header timeout (10 s) — a request sent on it as it closes is reset.
        var connections = reactor.netty.resources.ConnectionProvider.builder("hammer")
                .maxIdleTime(Duration.ofSeconds(5)).build();
        var connector = new org.springframework.http.client.reactive.ReactorClientHttpConnector(
                reactor.netty.http.client.HttpClient.create(connections));
        List<WebClient> instances = List.of(
                WebClient.builder().baseUrl(baseUrl(0)).clientConnector(connector).build(),
                WebClient.builder().baseUrl(baseUrl(1)).clientConnector(connector).build());
        long started = System.nanoTime();
        List<Integer> statuses = Flux.range(0, 240)
                .flatMap(i -> instances.get(i % INSTANCES).get().uri("/v1/api-keys")
                        .header("x-api-key", keys.get(i % keys.size()))
                        .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())), 8)
                .collectList()
                .block(Duration.ofSeconds(120));
        double seconds = (System.nanoTime() - started) / 1e9;

        long allowed = statuses.stream().filter(s -> s == 200).count();
        long limited = statuses.stream().filter(s -> s == 429).count();
        assertThat(allowed + limited).as("every answer is 200 or 429").isEqualTo(240);
        // The awaiting request above may have spent one token; the burst plus what refilled meanwhile,
        // plus at most one lease per instance, is the most both instances together may allow.
        long ceiling = 20 + (long) Math.ceil(0.5 * seconds) + INSTANCES * LEASE;
        System.out.printf("two instances allowed %d of 240 requests in %.1f s (ceiling %d)%n", allowed, seconds, ceiling);
        assertThat(allowed).as("allowed in %.1f s across %d instances", seconds, INSTANCES)
                .isLessThanOrEqualTo(ceiling)
                .isGreaterThanOrEqualTo(20 - INSTANCES * LEASE - 1);

        for (WebClient instance : instances) {
            assertThat(instance.get().uri("/v1/api-keys").header("x-api-key", bystander.key())
                    .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()))
                    .block(Duration.ofSeconds(30))).as("a bystander tenant's request").isEqualTo(200);
        }
        connections.dispose();
    }

    @Test
    void anOperatorsChangeThroughOneInstanceAppliesOnTheOtherWithinTheRefresh() {
        TenantFixture tenant = new Fixtures(clients.getFirst()).tenant();
        // Both instances have read the defaults (1000 each) and cached them.
        for (WebTestClient client : clients) {
            client.get().uri("/v1/api-keys").header("x-api-key", tenant.key()).exchange().expectStatus().isOk()
                    .expectHeader().valueEquals("X-RateLimit-Limit", "1000");
        }

        limit(clients.getFirst(), tenant, Map.of("tenantBurst", 50));

        clients.getFirst().get().uri("/v1/api-keys").header("x-api-key", tenant.key()).exchange()
                .expectHeader().valueEquals("X-RateLimit-Limit", "50");
        awaitLimitApplied(clients.get(1), tenant.key(), "50");
    }

    private static void awaitLimitApplied(WebTestClient client, String key, String burst) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() ->
                burst.equals(client.get().uri("/v1/api-keys").header("x-api-key", key).exchange()
                        .returnResult(byte[].class).getResponseHeaders().getFirst("X-RateLimit-Limit")));
    }

    private static String baseUrl(int instance) {
        return "http://localhost:" + ((WebServerApplicationContext) gateways.get(instance)).getWebServer().getPort();
    }

    private static String extraKey(WebTestClient client, TenantFixture tenant) {
        return json(client.post().uri("/v1/api-keys").header("x-api-key", tenant.key())
                .bodyValue(Map.of("name", "extra")).exchange(), HttpStatus.CREATED).get("key").stringValue();
    }

    private static JsonNode limit(WebTestClient client, TenantFixture tenant, Map<String, Object> rateLimits) {
        return json(client.patch().uri("/admin/tenants/{id}", tenant.id())
                .header("x-operator-token", GatewayIntegrationTest.OPERATOR_TOKEN)
                .bodyValue(Map.of("rateLimits", rateLimits)).exchange(), HttpStatus.OK);
    }
}
