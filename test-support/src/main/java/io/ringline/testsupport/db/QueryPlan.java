package io.ringline.testsupport.db;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PostgreSQL's own plan for a statement, from {@code EXPLAIN (FORMAT JSON)}: what a plan test asserts about — that a
 * statement probes an index and scans no table, so its cost does not grow with the rows stored.
 */
public record QueryPlan(JsonNode json, List<JsonNode> nodes) {

    /** The plan of {@code EXPLAIN (FORMAT JSON)}'s one-cell answer. */
    public static QueryPlan of(String explainJson) {
        JsonNode json = JsonMapper.builder().build().readTree(explainJson);
        List<JsonNode> nodes = new ArrayList<>();
        collect(json, nodes);
        return new QueryPlan(json, List.copyOf(nodes));
    }

    public boolean scansATable() {
        return nodes.stream().anyMatch(node -> "Seq Scan".equals(text(node, "Node Type")));
    }

    public boolean usesIndex(String index) {
        return nodes.stream().anyMatch(node -> index.equals(text(node, "Index Name")));
    }

    @Override
    public String toString() {
        return json.toString();
    }

    private static void collect(JsonNode node, List<JsonNode> into) {
        if (node.isArray()) {
            node.forEach(child -> collect(child, into));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        if (node.has("Node Type")) {
            into.add(node);
        }
        node.forEach(child -> collect(child, into));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null ? null : value.stringValue();
    }
}
