package io.ringline.system.abuse.gen;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON bodies that a route must refuse whatever else is in them: broken syntax, a top level that is not an
 * object, or a field of the wrong type (the document promises {@code 400} for each). Hostile payload (huge,
 * deep, unicode, injection, odd encodings) rides on top of that fault, never instead of it.
 */
public final class BodyFaults {

    /** A refused body and the name of what is wrong with it. */
    public record Faulty(String kind, byte[] bytes) {
    }

    private BodyFaults() {
    }

    /** Syntax errors and non-object tops: refused by any route that reads its body as JSON. */
    public static Faulty unparseable(JsonNode plausible, SplittableRandom random) {
        String text = new String(SchemaBodies.bytes(plausible), StandardCharsets.UTF_8);
        return switch (random.nextInt(14)) {
            case 0 -> new Faulty("truncated", text.substring(0, Math.max(1, random.nextInt(text.length()))).getBytes(StandardCharsets.UTF_8));
            case 1 -> new Faulty("trailing-comma", trailingComma(text).getBytes(StandardCharsets.UTF_8));
            case 2 -> new Faulty("single-quotes", ("{'x':" + text.replace('"', '\'') + "}").getBytes(StandardCharsets.UTF_8));
            case 3 -> new Faulty("unquoted-keys", "{to: +5511, sdp: v=0}".getBytes(StandardCharsets.UTF_8));
            case 4 -> new Faulty("comment", ("/* c */" + text).getBytes(StandardCharsets.UTF_8));
            case 5 -> new Faulty("nan", "{\"limit\": NaN, \"x\": Infinity}".getBytes(StandardCharsets.UTF_8));
            case 6 -> new Faulty("raw-control-char", "{\"name\": \"a\u0001\nb\"}".getBytes(StandardCharsets.UTF_8));
            case 7 -> new Faulty("top-level-array", ("[" + text + "]").getBytes(StandardCharsets.UTF_8));
            case 8 -> new Faulty("top-level-scalar", pick(random, "\"x\"", "42", "null", "true", "-0.0e-999").getBytes(StandardCharsets.UTF_8));
            case 9 -> new Faulty("deep-nesting", deep(500 + random.nextInt(20_000)));
            case 10 -> new Faulty("bad-escape", ("{\"name\":\"" + HostileStrings.pick(HostileStrings.JSON_ESCAPES.subList(4, 6), random).text()
                    + "\"}").getBytes(StandardCharsets.UTF_8));
            case 11 -> new Faulty("invalid-utf8", withRaw("{\"name\":\"", HostileStrings.pick(
                    HostileStrings.INVALID_UTF8.subList(0, 3), random).bytes(), "\", \"x\": [}"));
            case 12 -> new Faulty("unterminated-string", "{\"name\": \"abc".getBytes(StandardCharsets.UTF_8));
            default -> new Faulty("mismatched-brackets", "{\"a\": [1, 2}, \"b\": {]}".getBytes(StandardCharsets.UTF_8));
        };
    }

    /**
     * The plausible body with one field of the wrong type (and optionally a duplicate of it, the last one
     * wrong). Null when the schema names no field whose type it fixes.
     */
    public static ObjectNode wrongTyped(JsonNode schema, JsonNode plausible, SplittableRandom random) {
        String field = SchemaBodies.breakableField(schema, random);
        if (field == null || !plausible.isObject()) {
            return null;
        }
        ObjectNode body = ((ObjectNode) plausible).deepCopy();
        body.set(field, SchemaBodies.wrongType(schema.path("properties").path(field), random));
        return body;
    }

    /** {@code {"f": <ok>, ..., "f": <wrong>}}: refused for the duplicate, and for the type if duplicates were allowed. */
    public static byte[] duplicateKey(ObjectNode wrong, String field, JsonNode plausibleValue) {
        String text = new String(SchemaBodies.bytes(wrong), StandardCharsets.UTF_8);
        String first = "\"" + field + "\":" + new String(SchemaBodies.bytes(plausibleValue), StandardCharsets.UTF_8) + ",";
        return ("{" + first + text.substring(1)).getBytes(StandardCharsets.UTF_8);
    }

    /** The same JSON text in another encoding (UTF-16/32 with or without BOM, Latin-1). */
    public static byte[] encoded(byte[] utf8, SplittableRandom random) {
        String text = new String(utf8, StandardCharsets.UTF_8);
        return switch (random.nextInt(5)) {
            case 0 -> text.getBytes(StandardCharsets.UTF_16); // big-endian with BOM
            case 1 -> text.getBytes(StandardCharsets.UTF_16LE);
            case 2 -> text.getBytes(Charset.forName("UTF-32"));
            case 3 -> text.getBytes(StandardCharsets.ISO_8859_1);
            default -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8);
        };
    }

    public static byte[] deep(int depth) {
        byte[] bytes = new byte[depth * 2];
        for (int i = 0; i < depth; i++) {
            bytes[i] = '[';
            bytes[depth * 2 - 1 - i] = ']';
        }
        return bytes;
    }

    public static byte[] withRaw(String before, byte[] raw, String after) {
        return concat(concat(before.getBytes(StandardCharsets.UTF_8), raw), after.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(a.length + b.length);
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    private static String trailingComma(String text) {
        int end = text.lastIndexOf('}');
        return end <= 0 ? "{\"a\":1,}" : text.substring(0, end) + (text.substring(0, end).endsWith("{") ? "\"a\":1," : ",") + "}";
    }

    private static String pick(SplittableRandom random, String... options) {
        return options[random.nextInt(options.length)];
    }
}
