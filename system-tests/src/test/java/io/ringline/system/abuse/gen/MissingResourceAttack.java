package io.ringline.system.abuse.gen;

import io.ringline.system.abuse.catalog.Auth;
import io.ringline.system.abuse.catalog.Route;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/** The owner's own credential naming a resource that does not exist: a well-formed id or hostile text. */
final class MissingResourceAttack implements Attack {

    private static final Set<String> BODY_ID_FIELDS = Set.of("callId", "numberId", "whatsappNumberId");

    @Override
    public String category() {
        return "id";
    }

    @Override
    public boolean appliesTo(Route route) {
        return route.auth() != Auth.REALTIME_TOKEN && route.auth() != Auth.META_SIGNATURE
                && route.auth() != Auth.GO_WEBHOOK_TOKEN
                && (!route.pathParams().isEmpty() || bodyField(route) != null
                        || route.query().stream().anyMatch(q -> q.name().equals("callId")));
    }

    @Override
    public void shape(Draft d, Ctx ctx) {
        boolean hostile = ctx.chance(40);
        HostileStrings.Sample sample = HostileStrings.any(ctx.random());
        String bodyField = bodyField(d.route);
        if (!d.route.pathParams().isEmpty() && (bodyField == null || ctx.random().nextBoolean())) {
            String param = d.route.pathParams().get(ctx.nextInt(d.route.pathParams().size()));
            d.pathIds.put(param, hostile ? sample.text() : ResourceIds.missing(ResourceIds.Type.of(param), ctx.random()));
        } else if (bodyField != null && d.bodyTree instanceof ObjectNode body) {
            if (!bodyField.equals("callId") && !d.credential.isTenantKey()) {
                // A number key's number is implied: the field might be ignored rather than checked.
                d.credential = ctx.principals().tenantKey(ctx.victim());
            }
            body.put(bodyField, hostile ? sample.text() : ResourceIds.missing(ResourceIds.Type.of(bodyField), ctx.random()));
        } else {
            d.query = "callId=" + PathEncoding.encode(hostile ? sample.text()
                    : ResourceIds.missing(ResourceIds.Type.CALL, ctx.random()));
        }
        d.fault("id:missing");
        d.kind = hostile ? "id:hostile-" + sample.name() : "id:missing-well-formed";
    }

    private static String bodyField(Route route) {
        if (!route.takesJsonBody()) {
            return null;
        }
        return BODY_ID_FIELDS.stream().filter(f -> route.body().path("properties").has(f)).findFirst().orElse(null);
    }
}
