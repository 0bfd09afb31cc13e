package io.ringline.gateway.webhooks;

import static io.ringline.gateway.support.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.ringline.gateway.GatewayApplication;
import io.ringline.gateway.support.Fixtures;
import io.ringline.gateway.support.Fixtures.NumberFixture;
import io.ringline.gateway.support.Fixtures.TenantFixture;
import io.ringline.gateway.support.TestInfra;
import io.ringline.infra.InfraProperties;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;

/**
 * The delivery log, secret rotation, replay and retry routes: validated at the edge, forwarded with the
 * caller's tenant (and {@code numberId} for number keys) to a recording stand-in of the fan-out service,
 * whose answers are relayed unchanged.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=api-gateway",
                "ringline.gateway.rate-limit.defaults.tenant-burst=100000",
                "ringline.gateway.rate-limit.defaults.key-burst=100000",
                "ringline.gateway.source-limit.anonymous.burst=100000"})
class WebhookOperationsIntegrationTest {

    record Seen(String method, String path, Map<String, List<String>> query, String token, String body) {
    }

    private static final List<Seen> SEEN = new CopyOnWriteArrayList<>();
    private static final DisposableServer FANOUT = HttpServer.create().host("localhost").port(0)
            .handle((req, res) -> req.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                    .flatMap(body -> {
                        QueryStringDecoder uri = new QueryStringDecoder(req.uri());
                        SEEN.add(new Seen(req.method().name(), uri.path(), uri.parameters(),
                                req.requestHeaders().get("x-internal-token"), body));
                        String path = uri.path();
                        if (path.contains("wh_missing")) {
                            return res.status(404).header("content-type", "application/json")
                                    .sendString(Mono.just("{\"error\":\"Webhook wh_missing not found\","
                                            + "\"code\":\"WEBHOOK_NOT_FOUND\"}")).then();
                        }
                        String answer = path.endsWith("/logs") ? "{\"logs\":[],\"nextBefore\":null}"
                                : path.endsWith("/rotate") ? "{\"id\":\"wh_1\",\"secret\":\"whsec_new\"}"
                                : path.endsWith("/replay") ? "{\"queued\":3}"
                                : "{\"deliveryId\":\"dlv_1\",\"status\":\"PENDING\"}";
                        int status = path.endsWith("/replay") || path.endsWith("/retry") ? 202 : 200;
                        return res.status(status).header("content-type", "application/json")
                                .sendString(Mono.just(answer)).then();
                    }))
            .bindNow();

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        InfraProperties.register(registry);
        registry.add("ringline.signaling.url", () -> TestInfra.http().url());
        registry.add("ringline.fanout.url", () -> "http://localhost:" + FANOUT.port());
    }

    @LocalServerPort
    int port;

    WebTestClient http;
    Fixtures fixtures;

    @BeforeEach
    void connect() {
        http = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();
        fixtures = new Fixtures(http);
    }

    @Test
    void tenantKeyOperationsAreForwardedForTheWholeTenantAndAnswersRelayed() {
        TenantFixture tenant = fixtures.tenant();
        JsonNode logs = json(http.get().uri("/v1/webhooks/wh_1/logs?limit=10&event=call.ended&before=42")
                .header("x-api-key", tenant.key()).exchange(), HttpStatus.OK);
        assertThat(logs.get("logs").isArray()).isTrue();
        Seen seen = last("/internal/tenants/" + tenant.id() + "/webhooks/wh_1/logs");
        assertThat(seen.query()).containsEntry("limit", List.of("10")).containsEntry("event", List.of("call.ended"))
                .containsEntry("before", List.of("42")).doesNotContainKey("numberId");
        assertThat(seen.token()).isEqualTo("dev-internal-token");

        JsonNode rotated = json(http.post().uri("/v1/webhooks/wh_1/secret/rotate").header("x-api-key", tenant.key())
                .exchange(), HttpStatus.OK);
        assertThat(rotated.get("secret").stringValue()).isEqualTo("whsec_new");
        assertThat(last("/internal/tenants/" + tenant.id() + "/webhooks/wh_1/secret/rotate").method()).isEqualTo("POST");

        JsonNode replay = json(http.post().uri("/v1/webhooks/wh_1/replay").header("x-api-key", tenant.key())
                .bodyValue(Map.of("since", "2026-01-01T00:00:00Z", "event", "call.ringing")).exchange(),
                HttpStatus.ACCEPTED);
        assertThat(replay.get("queued").intValue()).isEqualTo(3);
        JsonNode forwarded = json(last("/internal/tenants/" + tenant.id() + "/webhooks/wh_1/replay").body()
                .getBytes(StandardCharsets.UTF_8));
        assertThat(forwarded.get("since").stringValue()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(forwarded.get("event").stringValue()).isEqualTo("call.ringing");
        assertThat(forwarded.has("until")).isFalse();

        json(http.post().uri("/v1/webhooks/deliveries/dlv_1/retry").header("x-api-key", tenant.key()).exchange(),
                HttpStatus.ACCEPTED);
        assertThat(last("/internal/tenants/" + tenant.id() + "/webhooks/deliveries/dlv_1/retry").query())
                .doesNotContainKey("numberId");

        JsonNode missing = json(http.post().uri("/v1/webhooks/wh_missing/secret/rotate")
                .header("x-api-key", tenant.key()).exchange(), HttpStatus.NOT_FOUND);
        assertThat(missing.get("code").stringValue()).isEqualTo("WEBHOOK_NOT_FOUND");
    }

    @Test
    void numberKeyOperationsCarryItsNumberSoTheFanoutShowsOnlyItsOwnWebhooks() {
        TenantFixture tenant = fixtures.tenant();
        NumberFixture number = fixtures.evoGoNumber(tenant);
        for (String path : List.of("/v1/webhooks/wh_2/secret/rotate", "/v1/webhooks/deliveries/dlv_2/retry")) {
            http.post().uri(path).header("x-api-key", number.key()).exchange().expectStatus().is2xxSuccessful();
        }
        http.get().uri("/v1/webhooks/wh_2/logs").header("x-api-key", number.key()).exchange().expectStatus().isOk();
        http.post().uri("/v1/webhooks/wh_2/replay").header("x-api-key", number.key())
                .bodyValue(Map.of("since", "2026-01-01T00:00:00Z")).exchange().expectStatus().isAccepted();
        for (String path : List.of("wh_2/secret/rotate", "deliveries/dlv_2/retry", "wh_2/logs", "wh_2/replay")) {
            assertThat(last("/internal/tenants/" + tenant.id() + "/webhooks/" + path).query())
                    .as(path).containsEntry("numberId", List.of(number.id()));
        }
    }

    @Test
    void invalidRequestsAreRefusedNamingTheFieldAndNeverForwarded() {
        TenantFixture tenant = fixtures.tenant();
        expectInvalid(http.get().uri("/v1/webhooks/wh_3/logs?limit=0"), tenant, "limit");
        expectInvalid(http.get().uri("/v1/webhooks/wh_3/logs?limit=51"), tenant, "limit");
        expectInvalid(http.get().uri("/v1/webhooks/wh_3/logs?event=*"), tenant, "event");
        expectInvalid(http.get().uri("/v1/webhooks/wh_3/logs?before=x"), tenant, "before");
        expectInvalid(http.post().uri("/v1/webhooks/wh_3/replay").bodyValue(Map.of()), tenant, "since");
        expectInvalid(http.post().uri("/v1/webhooks/wh_3/replay").bodyValue(Map.of("since", "yesterday")), tenant,
                "since");
        expectInvalid(http.post().uri("/v1/webhooks/wh_3/replay")
                .bodyValue(Map.of("since", "2026-01-01T00:00:00Z", "until", "soon")), tenant, "until");
        expectInvalid(http.post().uri("/v1/webhooks/wh_3/replay")
                .bodyValue(Map.of("since", "2026-01-01T00:00:00Z", "extra", 1)), tenant, "extra");
        assertThat(SEEN).noneMatch(s -> s.path().contains("/wh_3/"));

        http.post().uri("/v1/webhooks/wh_1/secret/rotate").exchange().expectStatus().isUnauthorized();
    }

    private void expectInvalid(WebTestClient.RequestHeadersSpec<?> request, TenantFixture tenant, String field) {
        JsonNode error = json(request.header("x-api-key", tenant.key()).exchange(), HttpStatus.BAD_REQUEST);
        assertThat(error.get("code").stringValue()).isEqualTo("INVALID_REQUEST");
        assertThat(error.at("/details/field").stringValue()).isEqualTo(field);
    }

    private static Seen last(String path) {
        return SEEN.reversed().stream().filter(s -> s.path().equals(path)).findFirst().orElseThrow();
    }
}
