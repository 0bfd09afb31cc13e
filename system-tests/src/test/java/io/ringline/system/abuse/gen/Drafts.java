package io.ringline.system.abuse.gen;

import io.ringline.system.abuse.catalog.Auth;
import io.ringline.system.abuse.catalog.KeyScope;
import io.ringline.system.abuse.catalog.Route;
import io.ringline.system.abuse.world.NumberLine;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The starting point of every request: what the victim's own client would plausibly send on the route. */
public final class Drafts {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** An MP3 frame header: enough to look like audio to a sniffer. */
    private static final byte[] FAKE_MP3 = {'I', 'D', '3', 3, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFB, (byte) 0x90, 0x64};

    private Drafts() {
    }

    public static Draft start(Route route, Ctx ctx) {
        Draft d = new Draft(route);
        d.credential = ctx.principals().owner(route, ctx.victim(), ctx.random());
        fillPathIds(d, ctx);
        fillQuery(d, ctx);
        switch (route.auth()) {
            case META_SIGNATURE -> {
                d.bodyTree = metaEnvelope(ctx.victim().meta(), ctx);
                d.contentType = "application/json";
            }
            case GO_WEBHOOK_TOKEN -> {
                d.bodyTree = goWebhook(ctx.victim().evoGo(), ctx.victim().evoGo().goInstanceToken(), ctx);
                d.contentType = "application/json";
            }
            default -> {
                if (route.takesJsonBody()) {
                    d.bodyTree = SchemaBodies.plausible(route.body(), bodyIds(d, ctx), ctx.random());
                    d.contentType = "application/json";
                } else if (route.body() != null) {
                    d.bodyBytes = FAKE_MP3;
                    d.contentType = route.bodyMediaType();
                }
            }
        }
        return d;
    }

    /** The owner's ids; a credential that owns none of a needed type is swapped for the tenant key. */
    static void fillPathIds(Draft d, Ctx ctx) {
        d.pathIds.clear();
        for (String param : d.route.pathParams()) {
            ResourceIds.Type type = ResourceIds.Type.of(param);
            List<String> owned = ctx.ids().owned(type, d.credential);
            if (owned.isEmpty() && d.route.scope() == KeyScope.EITHER) {
                d.credential = ctx.principals().tenantKey(ctx.victim());
                owned = ctx.ids().owned(type, d.credential);
            }
            if (owned.isEmpty()) {
                d.pathIds.put(param, ResourceIds.missing(type, ctx.random()));
                d.fault("id:missing");
            } else {
                d.pathIds.put(param, owned.get(ctx.nextInt(owned.size())));
            }
        }
    }

    /** Body fields that name a resource get one the body's credential owns. */
    static Function<String, String> bodyIds(Draft d, Ctx ctx) {
        return name -> switch (name) {
            case "callId" -> pick(ctx.ids().owned(ResourceIds.Type.CALL, d.credential), ctx);
            case "numberId", "whatsappNumberId" -> d.credential.isTenantKey()
                    ? pick(ctx.ids().owned(ResourceIds.Type.NUMBER, d.credential), ctx) : null;
            default -> null;
        };
    }

    static void fillQuery(Draft d, Ctx ctx) {
        StringBuilder q = new StringBuilder();
        for (Route.QueryParam p : d.route.query()) {
            if (!p.required()) {
                continue;
            }
            String value = switch (p.name()) {
                case "to" -> "+5511977770000";
                case "callId" -> pick(ctx.ids().owned(ResourceIds.Type.CALL, d.credential), ctx);
                default -> "abuse";
            };
            if (value == null) {
                value = ResourceIds.missing(ResourceIds.Type.CALL, ctx.random());
                d.fault("id:missing");
            }
            q.append(q.isEmpty() ? "" : "&").append(PathEncoding.encode(p.name())).append('=').append(PathEncoding.encode(value));
        }
        d.query = q.toString();
    }

    /** Meta's webhook envelope: a terminate of an unknown call on the number (parked if ever accepted). */
    public static ObjectNode metaEnvelope(NumberLine meta, Ctx ctx) {
        ObjectNode call = NODES.objectNode().put("id", ResourceIds.missing(ResourceIds.Type.CALL, ctx.random()))
                .put("from", "5521977770000").put("to", meta.phone().substring(1)).put("event", "terminate")
                .put("timestamp", String.valueOf(System.currentTimeMillis() / 1000)).put("status", "COMPLETED");
        ObjectNode value = NODES.objectNode().put("messaging_product", "whatsapp");
        value.set("metadata", NODES.objectNode().put("display_phone_number", meta.phone().substring(1))
                .put("phone_number_id", meta.metaPhoneNumberId()));
        value.set("calls", NODES.arrayNode().add(call));
        ObjectNode change = NODES.objectNode().put("field", "calls");
        change.set("value", value);
        ObjectNode entry = NODES.objectNode().put("id", "WABA-" + meta.metaPhoneNumberId());
        entry.set("changes", NODES.arrayNode().add(change));
        ObjectNode envelope = NODES.objectNode().put("object", "whatsapp_business_account");
        envelope.set("entry", NODES.arrayNode().add(entry));
        return envelope;
    }

    /** Evolution GO's webhook: a terminate of an unknown call on the instance (parked if ever accepted). */
    public static ObjectNode goWebhook(NumberLine evoGo, String token, Ctx ctx) {
        ObjectNode body = NODES.objectNode().put("event", "CallTerminate").put("instanceName", evoGo.goInstanceName());
        if (token != null) {
            body.put("instanceToken", token);
        }
        body.set("data", NODES.objectNode().put("CallID", ResourceIds.missing(ResourceIds.Type.CALL, ctx.random()))
                .put("Reason", "abuse").put("DurationSeconds", 1));
        return body;
    }

    /** {@code sha256=<hex HMAC-SHA256(secret, body)>}, as Meta signs. */
    public static String metaSignature(String appSecret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode text(String value) {
        return NODES.stringNode(value);
    }

    static String pick(List<String> options, Ctx ctx) {
        return options.isEmpty() ? null : options.get(ctx.nextInt(options.size()));
    }

    /** A read (GET, HEAD, OPTIONS) by the owner of everything it names, or of a public route. */
    static boolean isOwnerRead(Draft d, Ctx ctx) {
        boolean read = d.method.equals("GET") || d.method.equals("HEAD") || d.method.equals("OPTIONS");
        boolean owner = d.route.auth() == Auth.NONE
                || d.credential != null && d.credential.valid() && d.credential.tenant() == ctx.victim();
        return read && owner && d.route.auth() != Auth.META_SIGNATURE;
    }
}
