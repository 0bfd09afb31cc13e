package io.ringline.gateway.docs;

import static io.ringline.gateway.support.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.gateway.support.Fixtures.NumberFixture;
import io.ringline.gateway.support.Fixtures.TenantFixture;
import io.ringline.gateway.support.GatewayIntegrationTest;
import io.ringline.platform.ids.Ids;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * Keeps the hand-written OpenAPI document true to the running gateway: every route the gateway serves is
 * documented, and every documented operation is routed (answers something other than an unknown-route 404 or
 * a 405) on a running gateway with real credentials.
 */
class OpenApiDocumentIntegrationTest extends GatewayIntegrationTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void theDocumentIsServedAsOpenApi31JsonAndYaml() {
        JsonNode document = document();
        assertThat(document.get("openapi").stringValue()).isEqualTo("3.1.0");
        assertThat(document.at("/components/securitySchemes/apiKey/name").stringValue()).isEqualTo("x-api-key");

        http.get().uri("/openapi.yaml").exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.parseMediaType("application/yaml"))
                .expectBody(String.class).value(yaml -> assertThat(yaml).startsWith("openapi: 3.1.0"));
    }

    @Test
    void everyServedRouteIsDocumentedAndEveryDocumentedRouteIsServed() {
        Set<String> served = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternsCondition().getPatterns()
                .forEach(pattern -> info.getMethodsCondition().getMethods().forEach(method ->
                        served.add(route(method.name(), pattern.getPatternString())))));
        Set<String> documented = new TreeSet<>();
        for (String[] operation : documentedOperations()) {
            documented.add(route(operation[0], operation[1]));
        }

        Set<String> undocumented = new TreeSet<>(served);
        undocumented.removeAll(documented);
        // The softphone's HTML page is a page, not an API operation (README, docs/api.md "The /chat softphone").
        undocumented.removeAll(Set.of(route("GET", "/chat"), route("GET", "/chat/")));
        Set<String> unserved = new TreeSet<>(documented);
        unserved.removeAll(served);
        assertThat(undocumented).as("routes the gateway serves that openapi/ringline.yaml does not document").isEmpty();
        assertThat(unserved).as("documented operations no controller maps").isEmpty();
    }

    @Test
    void everyDocumentedOperationAnswersOnTheRunningGateway() {
        TenantFixture tenant = fixtures.tenant();
        NumberFixture meta = fixtures.metaNumber(tenant);
        NumberFixture go = fixtures.evoGoNumber(tenant);
        List<String> notAnswered = new ArrayList<>();

        for (String[] operation : documentedOperations()) {
            String method = operation[0];
            String path = operation[1];
            String uri = path.replace("{callId}", path.startsWith("/v1/") ? Ids.newId("call") : "3EB0DOC")
                    .replace("{numberId}", "num_missing").replace("{keyId}", "key_missing")
                    .replace("{webhookId}", "wh_missing").replace("{deliveryId}", "dlv_missing")
                    .replace("{tenantId}", "ten_missing").replace("{playId}", "play_missing");
            var request = http.method(HttpMethod.valueOf(method)).uri(uri);
            if (path.startsWith("/v1/calls")) {
                request = request.header("x-api-key", meta.key());
            } else if (path.startsWith("/v1/")) {
                request = request.header("x-api-key", tenant.key());
            } else if (path.startsWith("/admin/")) {
                request = request.header("x-operator-token", OPERATOR_TOKEN);
            } else if (path.startsWith("/api/layer/evolution-go/")) {
                request = request.header("apikey", go.instanceToken());
            }
            var response = Set.of("POST", "PUT", "PATCH").contains(method)
                    ? request.contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                    : request.exchange();
            if (isEventStream(method, path)) {
                // An event stream never ends: its status is the answer; the stream is left unread and cancelled.
                var stream = response.returnResult(String.class);
                int status = stream.getStatus().value();
                stream.getResponseBody().take(1).blockLast(java.time.Duration.ofSeconds(20));
                if (status == 404 || status == 405) {
                    notAnswered.add(method + " " + path + " -> " + status);
                }
                continue;
            }
            var result = response.expectBody().returnResult();
            int status = result.getStatus().value();
            String body = result.getResponseBody() == null ? ""
                    : new String(result.getResponseBody(), StandardCharsets.UTF_8);
            boolean unknownRoute = status == 404 && body.contains("\"code\":\"NOT_FOUND\"");
            if (unknownRoute || status == 405) {
                notAnswered.add(method + " " + path + " -> " + status + " " + body);
            }
        }

        assertThat(notAnswered).as("documented operations the running gateway does not route").isEmpty();
    }

    private List<String[]> documentedOperations() {
        List<String[]> operations = new ArrayList<>();
        document().get("paths").properties().forEach(path -> path.getValue().propertyNames().stream()
                .filter(METHODS::contains)
                .forEach(method -> operations.add(new String[] {method.toUpperCase(Locale.ROOT), path.getKey()})));
        assertThat(operations).hasSizeGreaterThan(40);
        return operations;
    }

    private boolean isEventStream(String method, String path) {
        return document().path("paths").path(path).path(method.toLowerCase(Locale.ROOT)).path("responses")
                .path("200").path("content").has("text/event-stream");
    }

    private JsonNode document() {
        return json(http.get().uri("/openapi.json").exchange(), HttpStatus.OK);
    }

    /** Path variables compared by position, not name ({@code {id}} and {@code {numberId}} are the same route). */
    private static String route(String method, String path) {
        return method + " " + path.replaceAll("\\{[^}]+}", "{}");
    }
}
