package io.ringline.system.abuse.catalog;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every public route of the running platform: the operations of the gateway's served OpenAPI document
 * (so a new route is fuzzed without anyone touching the campaign) plus the public routes no document
 * describes (the media bridge's realtime WebSockets).
 */
public final class RouteCatalog {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");

    private final JsonNode document;

    private RouteCatalog(JsonNode document) {
        this.document = document;
    }

    public static List<Route> from(JsonNode openApi) {
        RouteCatalog catalog = new RouteCatalog(openApi);
        List<Route> routes = new ArrayList<>();
        openApi.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            if (METHODS.contains(op.getKey())) {
                routes.add(catalog.route(path.getKey(), path.getValue(), op.getKey().toUpperCase(Locale.ROOT), op.getValue()));
            }
        }));
        routes.addAll(undocumented());
        return List.copyOf(routes);
    }

    /** Public routes the OpenAPI document does not hold. */
    static List<Route> undocumented() {
        return List.of(new Route(Service.MEDIA, "GET", "/v1/realtime", "Realtime", Auth.REALTIME_TOKEN, KeyScope.UNKNOWN,
                        List.of(), List.of(), null, false, null, Set.of(101), false),
                // Evolution GO's own realtime path, for sessions opened through the GO layer (same token rules).
                new Route(Service.MEDIA, "GET", "/call/media/realtime/ws", "Realtime", Auth.REALTIME_TOKEN,
                        KeyScope.UNKNOWN, List.of(), List.of(), null, false, null, Set.of(101), false));
    }

    private Route route(String template, JsonNode pathItem, String method, JsonNode operation) {
        String tag = operation.path("tags").path(0).asString("");
        Auth auth = auth(template, method, operation);
        List<String> pathParams = new ArrayList<>();
        Matcher m = PARAM.matcher(template);
        while (m.find()) {
            pathParams.add(m.group(1));
        }
        List<Route.QueryParam> query = new ArrayList<>();
        for (JsonNode p : concat(pathItem.path("parameters"), operation.path("parameters"))) {
            JsonNode param = resolve(p);
            if ("query".equals(param.path("in").asString())) {
                query.add(new Route.QueryParam(param.path("name").asString(), param.path("required").asBoolean(false),
                        resolve(param.path("schema"))));
            }
        }
        JsonNode body = null;
        String mediaType = null;
        boolean bodyRequired = false;
        JsonNode requestBody = resolve(operation.path("requestBody"));
        if (requestBody.isObject() && requestBody.has("content")) {
            Map.Entry<String, JsonNode> first = requestBody.path("content").properties().iterator().next();
            mediaType = first.getKey();
            body = deepResolve(first.getValue().path("schema"));
            bodyRequired = requestBody.path("required").asBoolean(false);
        }
        Set<Integer> statuses = new LinkedHashSet<>();
        operation.path("responses").properties().forEach(r -> {
            if (r.getKey().matches("\\d{3}")) {
                statuses.add(Integer.parseInt(r.getKey()));
            }
        });
        return new Route(Service.GATEWAY, method, template, tag, auth, scope(tag, auth), List.copyOf(pathParams),
                List.copyOf(query), body, bodyRequired, mediaType, Set.copyOf(statuses), true);
    }

    private Auth auth(String template, String method, JsonNode operation) {
        JsonNode security = operation.has("security") ? operation.get("security") : document.path("security");
        if (security.isArray() && security.isEmpty()) {
            // Public by the document; the GO webhook still authenticates by the token inside its body.
            return template.equals("/webhooks/evolution-go") && method.equals("POST") ? Auth.GO_WEBHOOK_TOKEN : Auth.NONE;
        }
        String scheme = security.path(0).propertyNames().stream().findFirst().orElse("");
        JsonNode definition = document.path("components").path("securitySchemes").path(scheme);
        String header = definition.path("name").asString("").toLowerCase(Locale.ROOT);
        return switch (header) {
            case "x-api-key" -> Auth.API_KEY;
            case "x-operator-token" -> Auth.OPERATOR;
            case "apikey" -> Auth.GO_INSTANCE;
            case "x-hub-signature-256" -> Auth.META_SIGNATURE;
            default -> throw new IllegalStateException("the campaign does not know security scheme '" + scheme
                    + "' of " + method + " " + template + ": teach catalog.Auth about it");
        };
    }

    private static KeyScope scope(String tag, Auth auth) {
        if (auth != Auth.API_KEY) {
            return KeyScope.UNKNOWN;
        }
        return switch (tag) {
            case "Calls" -> KeyScope.NUMBER;
            case "Numbers", "API keys" -> KeyScope.TENANT;
            case "Webhooks" -> KeyScope.EITHER;
            default -> KeyScope.UNKNOWN;
        };
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int i = 0; i < 10 && current.has("$ref"); i++) {
            current = document.at(current.get("$ref").asString().substring(1));
        }
        return current;
    }

    /** The schema with every {@code $ref} replaced by what it names (the document has no cycles). */
    private JsonNode deepResolve(JsonNode node) {
        JsonNode resolved = resolve(node);
        if (resolved.isObject()) {
            ObjectNode copy = ((ObjectNode) resolved).deepCopy();
            copy.properties().forEach(e -> copy.set(e.getKey(), deepResolve(e.getValue())));
            return copy;
        }
        if (resolved.isArray()) {
            var copy = resolved.deepCopy();
            for (int i = 0; i < copy.size(); i++) {
                ((tools.jackson.databind.node.ArrayNode) copy).set(i, deepResolve(copy.get(i)));
            }
            return copy;
        }
        return resolved;
    }

    private static List<JsonNode> concat(JsonNode a, JsonNode b) {
        List<JsonNode> all = new ArrayList<>();
        a.forEach(all::add);
        b.forEach(all::add);
        return all;
    }
}
