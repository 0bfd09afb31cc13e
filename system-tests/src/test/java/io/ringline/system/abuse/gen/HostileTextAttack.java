package io.ringline.system.abuse.gen;

import io.ringline.system.abuse.catalog.Auth;
import io.ringline.system.abuse.catalog.Route;
import io.ringline.system.abuse.http.RawRequest.Header;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One hostile text (a unicode edge case or an injection string) in one place a route reads: a body field
 * or key (next to a wrong-typed field), a query value (an owner's read), a path id (naming nothing), or a
 * credential header (authenticating no one). Unicode also comes as raw invalid UTF-8 and raw JSON escapes.
 */
final class HostileTextAttack implements Attack {

    private static final String RAW_MARKER = "@@RAW@@";

    private final String category;
    private final List<HostileStrings.Sample> corpus;

    private HostileTextAttack(String category, List<HostileStrings.Sample> corpus) {
        this.category = category;
        this.corpus = corpus;
    }

    static HostileTextAttack unicode() {
        return new HostileTextAttack("unicode", HostileStrings.UNICODE);
    }

    static HostileTextAttack injection() {
        return new HostileTextAttack("injection", HostileStrings.INJECTION);
    }

    @Override
    public String category() {
        return category;
    }

    @Override
    public boolean appliesTo(Route route) {
        return route.auth() != Auth.REALTIME_TOKEN;
    }

    @Override
    public void shape(Draft d, Ctx ctx) {
        HostileStrings.Sample sample = HostileStrings.pick(corpus, ctx.random());
        d.kind = category + ":" + sample.name();
        int slot = ctx.nextInt(4);
        if (slot == 0 && d.route.takesJsonBody() && d.route.auth() != Auth.GO_WEBHOOK_TOKEN
                && d.route.auth() != Auth.META_SIGNATURE) {
            inBody(d, ctx, sample);
        } else if (slot == 1 && !d.route.pathParams().isEmpty()) {
            String param = d.route.pathParams().get(ctx.nextInt(d.route.pathParams().size()));
            d.pathIds.put(param, sample.text());
            d.fault("id:missing");
        } else if (slot == 2 && d.route.auth() != Auth.NONE) {
            inCredential(d, ctx, sample);
        } else {
            inQuery(d, ctx, sample);
        }
    }

    private void inBody(Draft d, Ctx ctx, HostileStrings.Sample sample) {
        Faults.missingPathId(d, ctx);
        ObjectNode wrong = BodyFaults.wrongTyped(d.route.body(), d.bodyTree, ctx.random());
        if (wrong == null) {
            d.bodyBytes = ("{\"" + RAW_MARKER + "\": [\"" + RAW_MARKER + "\"").getBytes(StandardCharsets.UTF_8);
            d.bodyBytes = fill(d.bodyBytes, sample, ctx);
            d.fault("body:unparseable");
            return;
        }
        String broken = BodyAttack.wrongField(wrong, d.bodyTree);
        for (String name : List.copyOf(wrong.propertyNames())) {
            JsonNode value = wrong.get(name);
            if (!name.equals(broken) && value.isString()) {
                wrong.put(name, RAW_MARKER);
            }
        }
        if (ctx.chance(30)) {
            wrong.put(RAW_MARKER, RAW_MARKER);
        }
        d.bodyBytes = fill(SchemaBodies.bytes(wrong), sample, ctx);
        d.fault("body:invalid");
    }

    /** Replaces each marker by the sample: as JSON text, or (unicode, sometimes) raw bytes and raw escapes. */
    private byte[] fill(byte[] json, HostileStrings.Sample sample, Ctx ctx) {
        String text = new String(json, StandardCharsets.UTF_8);
        byte[] replacement;
        if (category.equals("unicode") && ctx.chance(30)) {
            replacement = ctx.random().nextBoolean()
                    ? HostileStrings.pick(HostileStrings.INVALID_UTF8, ctx.random()).bytes()
                    : HostileStrings.pick(HostileStrings.JSON_ESCAPES.subList(0, 4), ctx.random()).text()
                            .getBytes(StandardCharsets.US_ASCII);
        } else {
            String encoded = SchemaBodies.JSON.writeValueAsString(sample.text());
            replacement = encoded.substring(1, encoded.length() - 1).getBytes(StandardCharsets.UTF_8);
        }
        byte[] marker = RAW_MARKER.getBytes(StandardCharsets.US_ASCII);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(json.length + 64);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; ) {
            if (startsWith(bytes, i, marker)) {
                out.writeBytes(replacement);
                i += marker.length;
            } else {
                out.write(bytes[i++]);
            }
        }
        return out.toByteArray();
    }

    private void inCredential(Draft d, Ctx ctx, HostileStrings.Sample sample) {
        switch (d.route.auth()) {
            case META_SIGNATURE -> {
                d.headers.add(Header.of("X-Hub-Signature-256", "sha256=" + sample.text()));
                d.credential = Credential.none();
                d.fault("signature:invalid");
            }
            case GO_WEBHOOK_TOKEN -> {
                ((ObjectNode) d.bodyTree).put("instanceToken", sample.text());
                ((ObjectNode) d.bodyTree).put("instanceName", ctx.chance(50) ? sample.text() : ctx.victim().evoGo().goInstanceName());
                d.fault("token:invalid");
            }
            default -> {
                String header = switch (d.route.auth()) {
                    case OPERATOR -> "x-operator-token";
                    case GO_INSTANCE -> "apikey";
                    default -> "x-api-key";
                };
                // Header values travel as raw bytes: CR/LF/NUL in them break the framing on purpose.
                d.credential = Credential.invalid("hostile", Header.of(header, sample.text()));
                d.transport = sample.text().chars().anyMatch(c -> c < 0x20 || c == 0x7F);
                d.fault("credential:invalid");
            }
        }
    }

    private void inQuery(Draft d, Ctx ctx, HostileStrings.Sample sample) {
        List<Route.QueryParam> params = d.route.query();
        String name = params.isEmpty() || ctx.chance(20) ? "q" : params.get(ctx.nextInt(params.size())).name();
        String value = PathEncoding.encode(sample.text());
        d.query = d.query.isEmpty() ? name + "=" + value : d.query.replaceAll("(^|&)" + java.util.regex.Pattern.quote(
                PathEncoding.encode(name)) + "=[^&]*", "") + "&" + name + "=" + value;
        if (d.query.startsWith("&")) {
            d.query = d.query.substring(1);
        }
        if (Drafts.isOwnerRead(d, ctx)) {
            d.expect = HostileRequest.Expect.HARMLESS_READ;
        } else {
            Faults.any(d, ctx);
        }
    }

    private static boolean startsWith(byte[] bytes, int at, byte[] prefix) {
        if (at + prefix.length > bytes.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
