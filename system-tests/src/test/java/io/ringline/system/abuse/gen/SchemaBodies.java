package io.ringline.system.abuse.gen;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Request bodies built from a route's JSON schema: plausible ones (what a real client would send, so that
 * a credential or ownership check that failed open would be visible as a state change) and the value of a
 * type a field refuses. Values that are addresses are loopback only.
 */
public final class SchemaBodies {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> PHONE_FIELDS = Set.of("to", "phone", "peer");

    private SchemaBodies() {
    }

    /**
     * A body a client could send: every required field, and each optional one with even odds.
     *
     * @param ids gives the id to use for a field naming a resource (by field name), or null for a made-up one
     */
    public static JsonNode plausible(JsonNode schema, Function<String, String> ids, SplittableRandom random) {
        return value("", schema, ids, random, 0);
    }

    private static JsonNode value(String name, JsonNode schema, Function<String, String> ids, SplittableRandom random,
            int depth) {
        JsonNode byName = byName(name, schema, ids, random);
        if (byName != null) {
            return byName;
        }
        if (schema.has("const")) {
            return schema.get("const");
        }
        if (schema.has("enum")) {
            JsonNode options = schema.get("enum");
            return options.get(random.nextInt(options.size()));
        }
        String type = type(schema);
        return switch (type) {
            case "object" -> object(schema, ids, random, depth);
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                if (depth < 4) {
                    array.add(value(name, schema.path("items"), ids, random, depth + 1));
                }
                yield array;
            }
            case "integer", "number" -> NODES.numberNode(1);
            case "boolean" -> NODES.booleanNode(true);
            default -> NODES.stringNode(string(schema));
        };
    }

    private static ObjectNode object(JsonNode schema, Function<String, String> ids, SplittableRandom random, int depth) {
        ObjectNode object = NODES.objectNode();
        Set<String> required = required(schema);
        schema.path("properties").properties().forEach(p -> {
            if (depth < 4 && (required.contains(p.getKey()) || random.nextBoolean())) {
                object.set(p.getKey(), value(p.getKey(), p.getValue(), ids, random, depth + 1));
            }
        });
        return object;
    }

    private static JsonNode byName(String name, JsonNode schema, Function<String, String> ids, SplittableRandom random) {
        String id = ids.apply(name);
        if (id != null) {
            return NODES.stringNode(id);
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (PHONE_FIELDS.contains(lower)) {
            return NODES.stringNode("+55119777" + (10000 + random.nextInt(89999)));
        }
        return switch (lower) {
            case "number" -> NODES.stringNode("55119777" + (10000 + random.nextInt(89999)));
            case "sdp" -> NODES.stringNode("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
                    + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=rtpmap:111 opus/48000/2\r\n");
            case "url", "mediaurl", "baseurl", "graphbaseurl" -> NODES.stringNode("http://127.0.0.1:9/abuse.mp3");
            case "events" -> NODES.arrayNode().add("*");
            case "since", "until" -> NODES.stringNode(Instant.now().minus(1, ChronoUnit.HOURS).toString());
            default -> null;
        };
    }

    private static String string(JsonNode schema) {
        String format = schema.path("format").asString("");
        return switch (format) {
            case "date-time" -> Instant.now().minus(1, ChronoUnit.HOURS).toString();
            case "date" -> "2030-01-01";
            case "uri" -> "http://127.0.0.1:9/abuse";
            default -> "abuse";
        };
    }

    /** The JSON type the schema asks for ({@code string} when it says nothing more specific). */
    static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isString()) {
            return type.asString();
        }
        if (type.isArray() && !type.isEmpty()) {
            return type.get(0).asString();
        }
        if (schema.has("properties")) {
            return "object";
        }
        if (schema.has("items")) {
            return "array";
        }
        JsonNode constant = schema.has("const") ? schema.get("const") : schema.path("enum").path(0);
        if (constant.isBoolean()) {
            return "boolean";
        }
        if (constant.isNumber()) {
            return "number";
        }
        if (constant.isString()) {
            return "string";
        }
        return schema.isEmpty() || !schema.has("type") && !schema.has("format") ? "any" : "string";
    }

    static Set<String> required(JsonNode schema) {
        Set<String> required = new java.util.HashSet<>();
        schema.path("required").forEach(r -> required.add(r.asString()));
        return required;
    }

    /**
     * A field whose refusal the document promises when it has the wrong type: a required one if any, else a
     * declared one with a definite type; null when the schema names none (e.g. a bare {@code object}).
     */
    public static String breakableField(JsonNode schema, SplittableRandom random) {
        List<String> required = new ArrayList<>();
        List<String> declared = new ArrayList<>();
        schema.path("properties").properties().forEach(p -> {
            if (!type(p.getValue()).equals("any")) {
                declared.add(p.getKey());
                if (required(schema).contains(p.getKey())) {
                    required.add(p.getKey());
                }
            }
        });
        List<String> from = required.isEmpty() ? declared : required;
        return from.isEmpty() ? null : from.get(random.nextInt(from.size()));
    }

    /** A value of a JSON type the field's schema does not allow. */
    public static JsonNode wrongType(JsonNode fieldSchema, SplittableRandom random) {
        String type = type(fieldSchema);
        List<JsonNode> options = new ArrayList<>();
        if (!type.equals("string")) {
            options.add(NODES.stringNode("not-a-" + type));
        }
        if (!type.equals("integer") && !type.equals("number")) {
            options.add(NODES.numberNode(random.nextInt(3) == 0 ? 1e300 : 42));
        }
        if (!type.equals("boolean")) {
            options.add(NODES.booleanNode(random.nextBoolean()));
        }
        if (!type.equals("array")) {
            options.add(NODES.arrayNode().add("x").add(1));
        }
        if (!type.equals("object")) {
            options.add(NODES.objectNode().put("$gt", ""));
        }
        return options.get(random.nextInt(options.size()));
    }

    public static byte[] bytes(JsonNode node) {
        return JSON.writeValueAsBytes(node);
    }
}
