package io.ringline.system.abuse.gen;

import io.ringline.system.abuse.catalog.Auth;
import io.ringline.system.abuse.catalog.Route;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The owner's own credential and ids with a body the route must refuse: broken syntax, a non-object,
 * a wrong type, a missing required field, duplicate keys, and the same carried huge, deep or re-encoded.
 */
final class BodyAttack implements Attack {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String DEEP_MARKER = "@@DEEP@@";

    @Override
    public String category() {
        return "body";
    }

    @Override
    public boolean appliesTo(Route route) {
        return route.takesJsonBody() && route.auth() != Auth.META_SIGNATURE && route.auth() != Auth.GO_WEBHOOK_TOKEN;
    }

    @Override
    public void shape(Draft d, Ctx ctx) {
        JsonNode schema = d.route.body();
        ObjectNode wrong = BodyFaults.wrongTyped(schema, d.bodyTree, ctx.random());
        int variant = wrong == null ? 0 : ctx.nextInt(7);
        d.fault("body:invalid");
        Faults.missingPathId(d, ctx);
        switch (variant) {
            case 0 -> {
                BodyFaults.Faulty faulty = BodyFaults.unparseable(d.bodyTree, ctx.random());
                d.bodyBytes = faulty.bytes();
                d.kind = "body:" + faulty.kind();
            }
            case 1 -> {
                d.bodyTree = wrong;
                d.kind = "body:wrong-type";
            }
            case 2 -> {
                List<String> required = List.copyOf(SchemaBodies.required(schema));
                ObjectNode body = ((ObjectNode) d.bodyTree).deepCopy();
                if (required.isEmpty()) {
                    d.bodyTree = wrong;
                    d.kind = "body:wrong-type";
                } else {
                    body.remove(required.get(ctx.nextInt(required.size())));
                    d.bodyTree = body;
                    d.kind = "body:missing-required";
                }
            }
            case 3 -> {
                String field = wrongField(wrong, d.bodyTree);
                d.bodyBytes = BodyFaults.duplicateKey(wrong, field, d.bodyTree.path(field));
                d.kind = "body:duplicate-key";
            }
            case 4 -> {
                d.bodyBytes = huge(schema, wrong, d.bodyTree, ctx);
                d.kind = "body:huge";
            }
            case 5 -> {
                String field = wrongField(wrong, d.bodyTree);
                wrong.put(field, DEEP_MARKER);
                String text = new String(SchemaBodies.bytes(wrong), StandardCharsets.UTF_8);
                String deep = new String(BodyFaults.deep(600 + ctx.nextInt(20_000)), StandardCharsets.US_ASCII);
                d.bodyBytes = text.replace("\"" + DEEP_MARKER + "\"", deep).getBytes(StandardCharsets.UTF_8);
                d.kind = "body:deep-nesting";
            }
            default -> {
                d.bodyBytes = BodyFaults.encoded(SchemaBodies.bytes(wrong), ctx.random());
                d.kind = "body:other-encoding";
            }
        }
    }

    /** The field {@link BodyFaults#wrongTyped} changed. */
    static String wrongField(ObjectNode wrong, JsonNode plausible) {
        for (String name : wrong.propertyNames()) {
            if (!wrong.get(name).equals(plausible.get(name))) {
                return name;
            }
        }
        return wrong.propertyNames().iterator().next();
    }

    /** The wrong-typed field blown up to 70 KiB – 1 MiB, still of a type the field refuses. */
    private static byte[] huge(JsonNode schema, ObjectNode wrong, JsonNode plausible, Ctx ctx) {
        String field = wrongField(wrong, plausible);
        int size = ctx.chance(10) ? 1_100_000 : 70_000 + ctx.nextInt(200_000);
        String expected = SchemaBodies.type(schema.path("properties").path(field));
        if (!expected.equals("string")) {
            wrong.put(field, "x".repeat(size));
        } else {
            ArrayNode items = NODES.arrayNode();
            String item = "y".repeat(1000);
            for (int i = 0; i < size / 1000; i++) {
                items.add(item);
            }
            wrong.set(field, items);
        }
        return SchemaBodies.bytes(wrong);
    }
}
