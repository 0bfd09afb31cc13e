package io.ringline.signaling.number.web;

import static io.ringline.signaling.support.Fixtures.goSignal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringline.schemas.avro.NumberContext;
import io.ringline.signaling.support.FakeEvoGo;
import io.ringline.signaling.support.FakeMetaGraph;
import io.ringline.signaling.support.IntegrationTest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Number-level provider operations and connection state over real HTTP (docs/internal-apis.md). */
class NumberProviderApiIntegrationTest extends IntegrationTest {

    private static final String TOKEN = "test-internal-token";

    @LocalServerPort
    int port;

    private final JsonMapper json = JsonMapper.builder().build();
    private WebTestClient http;

    @BeforeEach
    void client() {
        http = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(20))
                .build();
    }

    @Test
    void settingsAreReadAndUpdatedAtMeta() {
        FakeMetaGraph.Account meta = graph.newAccount();
        NumberContext number = newMetaNumber(meta);

        JsonNode read = post(number, "settings/read", Map.of(), 200);
        JsonNode updated = post(number, "settings/update",
                Map.of("calling", Map.of("status", "ENABLED", "call_icon_visibility", "DISABLE_ALL")), 200);

        assertThat(read.path("calling").path("status").asString()).isEqualTo("ENABLED");
        assertThat(read.has("messaging_product")).isFalse();
        assertThat(updated.path("success").asBoolean()).isTrue();
        var sent = meta.requests().stream().filter(r -> r.method().equals("POST") && r.edge().equals("settings"))
                .findFirst().orElseThrow();
        assertThat(sent.authorization()).isEqualTo("Bearer " + meta.accessToken());
        assertThat(sent.body().path("calling").path("call_icon_visibility").asString()).isEqualTo("DISABLE_ALL");
    }

    @Test
    void permissionsAreReadAndRequested() {
        FakeMetaGraph.Account meta = graph.newAccount();
        NumberContext number = newMetaNumber(meta);

        JsonNode permission = post(number, "permissions/read", Map.of("to", "+5511911112222"), 200);
        JsonNode request = post(number, "permissions/request", Map.of("to", "+5511911112222", "text", "May we call?"),
                200);

        assertThat(permission.path("permission").path("status").asString()).isEqualTo("temporary");
        assertThat(permission.path("actions").isArray()).isTrue();
        assertThat(meta.requests().stream().filter(r -> r.edge().equals("call_permissions")).findFirst().orElseThrow()
                .query()).isEqualTo("user_wa_id=5511911112222");
        assertThat(request.path("messageId").asString()).startsWith("wamid.");
        JsonNode sent = meta.requests().stream().filter(r -> r.edge().equals("messages")).findFirst().orElseThrow()
                .body();
        assertThat(sent.path("to").asString()).isEqualTo("5511911112222");
        assertThat(sent.path("type").asString()).isEqualTo("interactive");
        assertThat(sent.path("interactive").path("type").asString()).isEqualTo("call_permission_request");
        assertThat(sent.path("interactive").path("action").path("name").asString()).isEqualTo("call_permission_request");
        assertThat(sent.path("interactive").path("body").path("text").asString()).isEqualTo("May we call?");
    }

    @ParameterizedTest(name = "{0} refused with Meta {1} → {2} {3}")
    @CsvSource({
        "permissions/request, POST messages,         138009, 429, META_CALL_PERMISSION_REQUEST_LIMIT",
        "settings/update,     POST settings,         138015, 400, META_CALLING_CANNOT_BE_ENABLED",
        "settings/read,       GET settings,          131044, 402, META_CALLING_PAYMENT_REQUIRED",
        "permissions/read,    GET call_permissions,  613,    502, PROVIDER_ERROR",
    })
    void metaErrorsAreMapped(String operation, String route, long metaCode, int status, String code) {
        FakeMetaGraph.Account meta = graph.newAccount().answer(route, 400, FakeMetaGraph.error(metaCode, "no"));
        NumberContext number = newMetaNumber(meta);

        JsonNode error = post(number, operation, Map.of("to", "+5511911112222", "calling", Map.of("status", "ENABLED")),
                status);

        assertThat(error.path("code").asString()).isEqualTo(code);
        assertThat(error.path("details").path("providerCode").asLong()).isEqualTo(metaCode);
        assertThat(error.path("details").path("providerMessage").asString()).isEqualTo("no");
    }

    @Test
    void metaNotAnsweringInTimeIs504() {
        FakeMetaGraph.Account meta = graph.newAccount().answer("GET settings", 200, "{\"calling\":{}}",
                Duration.ofSeconds(3));

        JsonNode error = post(newMetaNumber(meta), "settings/read", Map.of(), 504);

        assertThat(error.path("code").asString()).isEqualTo("PROVIDER_TIMEOUT");
    }

    @Test
    void evolutionGoNumbersHaveNoSettingsOrPermissions() {
        FakeEvoGo.Instance go = evoGo.newInstance();
        NumberContext number = newEvoGoNumber(go);

        for (String operation : new String[] {"settings/read", "settings/update", "permissions/read",
                "permissions/request"}) {
            JsonNode error = post(number, operation, Map.of("to", "+5511911112222", "calling", Map.of()), 400);
            assertThat(error.path("code").asString()).isEqualTo("FEATURE_NOT_SUPPORTED");
        }
        assertThat(go.requests()).isEmpty();
    }

    @Test
    void badRequestsAreRefusedBeforeMetaIsAsked() {
        FakeMetaGraph.Account meta = graph.newAccount();
        NumberContext number = newMetaNumber(meta);

        assertThat(post(number, "permissions/read", Map.of("to", "5511911112222"), 400).path("details").path("field")
                .asString()).isEqualTo("to");
        assertThat(post(number, "settings/update", Map.of(), 400).path("details").path("field").asString())
                .isEqualTo("calling");
        JsonNode otherNumber = http.post().uri("/internal/numbers/num_other/provider/settings/read")
                .header("x-internal-token", TOKEN).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json.writeValueAsString(Map.of("number", context(number))))
                .exchange().expectStatus().isEqualTo(400).expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(otherNumber.path("code").asString()).isEqualTo("INVALID_REQUEST");
        http.post().uri("/internal/numbers/" + number.getNumberId() + "/provider/settings/read")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json.writeValueAsString(Map.of("number", context(number))))
                .exchange().expectStatus().isEqualTo(401);
        assertThat(meta.requests()).isEmpty();
    }

    @Test
    void theConnectionStateIsUnknownUntilGoSaysAndThenFollowsItsUpdates() {
        NumberContext number = newEvoGoNumber(evoGo.newInstance());
        String path = "/internal/numbers/" + number.getNumberId() + "/connection";

        JsonNode unknown = get(path);
        send(goSignal(number, "ConnectionUpdate", "{\"State\":\"close\"}"));
        JsonNode closed = await().atMost(WAIT).until(() -> get(path), c -> c.path("state").asString().equals("close"));

        assertThat(unknown.path("state").asString()).isEqualTo("unknown");
        assertThat(unknown.path("updatedAt").isNull()).isTrue();
        assertThat(closed.path("updatedAt").asString()).isNotBlank();
        send(goSignal(number, "ConnectionUpdate", "{\"State\":\"open\"}"));
        await().atMost(WAIT).until(() -> get(path), c -> c.path("state").asString().equals("open"));
    }

    private JsonNode get(String path) {
        return http.get().uri(path).header("x-internal-token", TOKEN).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private JsonNode post(NumberContext number, String operation, Map<String, Object> fields, int status) {
        Map<String, Object> body = new LinkedHashMap<>(fields);
        body.put("number", context(number));
        return http.post().uri("/internal/numbers/" + number.getNumberId() + "/provider/" + operation)
                .header("x-internal-token", TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json.writeValueAsString(body))
                .exchange()
                .expectStatus().isEqualTo(status)
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private static Map<String, Object> context(NumberContext number) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("numberId", number.getNumberId());
        context.put("tenantId", number.getTenantId());
        context.put("provider", number.getProvider().name());
        context.put("phone", number.getPhone());
        context.put("baseUrl", number.getBaseUrl());
        context.put("accountId", number.getAccountId());
        context.put("encryptedCredentials", number.getEncryptedCredentials());
        context.put("version", number.getVersion());
        return context;
    }
}
