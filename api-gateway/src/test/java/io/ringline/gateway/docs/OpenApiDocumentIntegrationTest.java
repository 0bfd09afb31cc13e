package io.ringline.gateway.docs;

import static io.ringline.gateway.support.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringline.gateway.support.Fixtures.NumberFixture;
import io.ringline.gateway.support.Fixtures.TenantFixture;
import io.ringline.gateway.support.GatewayIntegrationTest;
import io.ringline.platform.ids.Ids;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * documented, every documented operation is routed (answers something other than an unknown-route 404 or a 405)
 * on a running gateway, and the status each probe gets — with real credentials and without any — is one the
 * operation documents. It also holds the document to the house rules integrators rely on (summary, operationId,
 * examples, every error answer in the shared error schema); Redocly's linter checks the rest in the build
 * ({@code redocly.yaml}, run by {@code examples/}).
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
    void everyOperationHasASummaryAnOperationIdExamplesAndItsErrorAnswers() {
        JsonNode document = document();
        List<String> problems = new ArrayList<>();
        Set<String> operationIds = new TreeSet<>();
        forEachOperation(document, (method, path, operation) -> {
            String name = method + " " + path;
            if (operation.path("summary").asString("").isBlank()) {
                problems.add(name + ": no summary");
            }
            String operationId = operation.path("operationId").asString("");
            if (operationId.isBlank() || !operationIds.add(operationId)) {
                problems.add(name + ": operationId missing or not unique: '" + operationId + "'");
            }
            Set<String> statuses = new TreeSet<>();
            operation.path("responses").propertyNames().forEach(statuses::add);
            Set<String> required = new TreeSet<>(List.of("429", "500"));
            if (!effectiveSecurity(document, operation).isEmpty()) {
                required.add("401");
            }
            if (path.startsWith("/v1/")) {
                required.add("403");
            }
            if (operation.has("requestBody")) {
                required.add("400");
            }
            if (hasIdempotencyKey(document, operation)) {
                required.addAll(List.of("409", "422"));
            }
            required.removeAll(statuses);
            if (!required.isEmpty()) {
                problems.add(name + ": documents no " + required);
            }
            operation.path("responses").properties().forEach(entry -> {
                int status = Integer.parseInt(entry.getKey());
                JsonNode response = resolve(document, entry.getValue());
                JsonNode json = response.path("content").path("application/json");
                if (status >= 400 && !json.isMissingNode()) {
                    String schema = json.path("schema").path("$ref").asString("");
                    if (!schema.equals("#/components/schemas/Error") && !schema.equals("#/components/schemas/GoError")) {
                        problems.add(name + " " + status + ": not the shared error schema but '" + schema + "'");
                    }
                }
                if (status < 300 && response.has("content") && response.path("content").properties().stream()
                        .anyMatch(media -> !hasExample(media.getValue()))) {
                    problems.add(name + " " + status + ": a response without an example");
                }
                if (status >= 400 && response.has("content") && !hasExample(json.isMissingNode()
                        ? response.path("content").properties().iterator().next().getValue() : json)) {
                    problems.add(name + " " + status + ": an error answer without an example");
                }
            });
            JsonNode body = resolve(document, operation.path("requestBody"));
            body.path("content").properties().stream()
                    .filter(media -> media.getKey().equals("application/json") && !hasExample(media.getValue()))
                    .forEach(media -> problems.add(name + ": a request body without an example"));
        });
        assertThat(problems).as("operations of openapi/ringline.yaml that break the house rules").isEmpty();
    }

    @Test
    void everyDocumentedOperationAnswersOnTheRunningGateway() {
        TenantFixture tenant = fixtures.tenant();
        NumberFixture meta = fixtures.metaNumber(tenant);
        NumberFixture go = fixtures.evoGoNumber(tenant);
        List<String> notAnswered = new ArrayList<>();
        List<String> undocumentedAnswers = new ArrayList<>();

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
            if (!documentedStatuses(method, path).contains(String.valueOf(status))) {
                undocumentedAnswers.add(method + " " + path + " (with credentials) -> " + status + " " + body);
            }
        }

        assertThat(notAnswered).as("documented operations the running gateway does not route").isEmpty();
        assertThat(undocumentedAnswers).as("answers the running gateway gave that the operation does not document")
                .isEmpty();
    }

    @Test
    void everyAnswerToARequestWithoutCredentialsIsDocumented() {
        List<String> undocumentedAnswers = new ArrayList<>();
        for (String[] operation : documentedOperations()) {
            String method = operation[0];
            String path = operation[1];
            String uri = path.replaceAll("\\{[^}]+}", "missing");
            var request = http.method(HttpMethod.valueOf(method)).uri(uri);
            var response = Set.of("POST", "PUT", "PATCH").contains(method)
                    ? request.contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                    : request.exchange();
            var result = response.expectBody().returnResult();
            int status = result.getStatus().value();
            if (!documentedStatuses(method, path).contains(String.valueOf(status))) {
                undocumentedAnswers.add(method + " " + path + " (no credentials) -> " + status);
            }
        }
        assertThat(undocumentedAnswers).as("answers the running gateway gave that the operation does not document")
                .isEmpty();
    }

    /**
     * The error codes the document lists ({@code Error.code}) are exactly those of docs/api.md's error table — the
     * codes the services answer — so a code added to the services and their docs cannot be missing from the
     * document integrators generate clients from, and the document lists none that nothing answers.
     */
    @Test
    void theDocumentListsEveryErrorCodeDocsApiMdDocuments() throws Exception {
        Set<String> listed = new TreeSet<>();
        document().at("/components/schemas/Error/properties/code/examples").forEach(code -> listed.add(code.asString()));

        Set<String> documented = new TreeSet<>();
        Pattern row = Pattern.compile("^\\|\\s*[0-9][0-9/ ]*\\s*\\|([^|]*)\\|");
        Pattern code = Pattern.compile("`([A-Z][A-Z0-9_]+)`");
        for (String line : Files.readAllLines(apiMarkdown())) {
            Matcher m = row.matcher(line);
            if (m.find()) {
                code.matcher(m.group(1)).results().forEach(r -> documented.add(r.group(1)));
            }
        }

        assertThat(documented).as("codes of docs/api.md's error table").contains("INVALID_PATH", "PROVIDER_BUSY");
        assertThat(listed).as("Error.code in openapi/ringline.yaml against docs/api.md's error table")
                .containsExactlyInAnyOrderElementsOf(documented);
    }

    private static Path apiMarkdown() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docs/api.md"))) {
                return dir.resolve("docs/api.md");
            }
        }
        throw new IllegalStateException("docs/api.md not found above " + Path.of("").toAbsolutePath());
    }

    private interface OperationVisitor {
        void visit(String method, String path, JsonNode operation);
    }

    private static void forEachOperation(JsonNode document, OperationVisitor visitor) {
        document.get("paths").properties().forEach(path -> path.getValue().properties().stream()
                .filter(entry -> METHODS.contains(entry.getKey()))
                .forEach(entry -> visitor.visit(entry.getKey().toUpperCase(Locale.ROOT), path.getKey(), entry.getValue())));
    }

    private Set<String> documentedStatuses(String method, String path) {
        Set<String> statuses = new TreeSet<>();
        document().path("paths").path(path).path(method.toLowerCase(Locale.ROOT)).path("responses").propertyNames()
                .forEach(statuses::add);
        return statuses;
    }

    private static JsonNode effectiveSecurity(JsonNode document, JsonNode operation) {
        JsonNode security = operation.has("security") ? operation.get("security") : document.path("security");
        return security.isArray() && security.size() == 1 && security.get(0).isEmpty() ? EMPTY : security;
    }

    private static final JsonNode EMPTY = tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode();

    private static boolean hasIdempotencyKey(JsonNode document, JsonNode operation) {
        for (JsonNode parameter : operation.path("parameters")) {
            if (resolve(document, parameter).path("name").asString("").equals("Idempotency-Key")) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasExample(JsonNode mediaType) {
        return mediaType.has("example") || mediaType.path("examples").size() > 0;
    }

    /** Follows a local {@code $ref} ({@code #/components/...}); anything else as it is. */
    private static JsonNode resolve(JsonNode document, JsonNode node) {
        String ref = node.path("$ref").asString("");
        return ref.startsWith("#/") ? resolve(document, document.at(ref.substring(1))) : node;
    }

    private List<String[]> documentedOperations() {
        List<String[]> operations = new ArrayList<>();
        document().get("paths").properties().forEach(path -> path.getValue().propertyNames().stream()
                .filter(METHODS::contains)
                .forEach(method -> operations.add(new String[] {method.toUpperCase(Locale.ROOT), path.getKey()})));
        assertThat(operations).hasSizeGreaterThan(40);
        return operations;
    }

    private JsonNode served;

    private boolean isEventStream(String method, String path) {
        JsonNode ok = document().path("paths").path(path).path(method.toLowerCase(Locale.ROOT)).path("responses")
                .path("200");
        return resolve(document(), ok).path("content").has("text/event-stream");
    }

    private JsonNode document() {
        if (served == null) {
            served = json(http.get().uri("/openapi.json").exchange(), HttpStatus.OK);
        }
        return served;
    }

    /** Path variables compared by position, not name ({@code {id}} and {@code {numberId}} are the same route). */
    private static String route(String method, String path) {
        return method + " " + path.replaceAll("\\{[^}]+}", "{}");
    }
}
