package io.ringline.system.abuse.catalog;

import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * One public operation: method and path template, how it authenticates, its path and query parameters,
 * its JSON request body (schema resolved), and the statuses its document declares.
 *
 * @param body            the request body's schema with {@code $ref}s resolved, or null when it takes none
 * @param bodyRequired    the document marks the body required
 * @param bodyMediaType   e.g. application/json, audio/mpeg
 * @param documented      true when the route comes from the served OpenAPI document
 */
public record Route(Service service, String method, String template, String tag, Auth auth, KeyScope scope,
        List<String> pathParams, List<QueryParam> query, JsonNode body, boolean bodyRequired, String bodyMediaType,
        Set<Integer> declaredStatuses, boolean documented) {

    /** A query parameter and its schema. */
    public record QueryParam(String name, boolean required, JsonNode schema) {
    }

    public String label() {
        return method + " " + template;
    }

    public boolean takesJsonBody() {
        return body != null && bodyMediaType != null && bodyMediaType.contains("json");
    }

    public boolean isRead() {
        return method.equals("GET");
    }

    public boolean isGoLayer() {
        return template.startsWith("/api/layer/evolution-go");
    }
}
