package io.ringline.system.abuse.gen;

import io.ringline.system.abuse.catalog.Auth;
import io.ringline.system.abuse.catalog.KeyScope;
import io.ringline.system.abuse.catalog.Route;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * A valid credential of the right scope aimed at resources it does not own: the other tenant's key on the
 * victim's ids, or a number key on its sibling number's calls and subscription. The body stays plausible, so
 * a missing ownership check would show up as a 2xx and a state change.
 */
final class ForeignResourceAttack implements Attack {

    private static final Set<String> BODY_ID_FIELDS = Set.of("callId", "numberId", "whatsappNumberId");

    @Override
    public String category() {
        return "tenant";
    }

    @Override
    public boolean appliesTo(Route route) {
        boolean keyed = route.auth() == Auth.GO_INSTANCE
                || route.auth() == Auth.API_KEY && route.scope() != KeyScope.UNKNOWN;
        return keyed && (route.pathParams().stream().anyMatch(p -> ResourceIds.Type.of(p) != ResourceIds.Type.OTHER)
                || bodyIdField(route) != null);
    }

    @Override
    public void shape(Draft d, Ctx ctx) {
        Credential victimsOwn = d.credential;
        boolean sibling = victimsOwn.line() != null && ctx.chance(40);
        Credential who = sibling ? victimsOwn : ctx.principals().owner(d.route, ctx.attacker(), ctx.random());
        d.credential = who;
        boolean aimed = false;
        for (String param : d.route.pathParams()) {
            ResourceIds.Type type = ResourceIds.Type.of(param);
            List<String> foreign = ctx.ids().foreign(type, who);
            if (!foreign.isEmpty()) {
                d.pathIds.put(param, foreign.get(ctx.nextInt(foreign.size())));
                aimed = true;
            } else {
                d.pathIds.put(param, ResourceIds.missing(type, ctx.random()));
                d.fault("id:missing");
            }
        }
        String field = bodyIdField(d.route);
        if (field != null && d.bodyTree instanceof ObjectNode body && (who.isTenantKey() || field.equals("callId"))) {
            List<String> foreign = ctx.ids().foreign(ResourceIds.Type.of(field), who);
            if (!foreign.isEmpty()) {
                body.put(field, foreign.get(ctx.nextInt(foreign.size())));
                aimed = true;
            }
        }
        if (aimed) {
            d.fault(who.tenant() == ctx.victim() ? "tenant:other-number" : "tenant:other-tenant");
        }
        if (d.faults.isEmpty()) {
            Faults.any(d, ctx);
        }
        d.kind = who.tenant() == ctx.victim() ? "tenant:other-number" : "tenant:other-tenant";
    }

    private static String bodyIdField(Route route) {
        if (!route.takesJsonBody()) {
            return null;
        }
        return BODY_ID_FIELDS.stream().filter(f -> route.body().path("properties").has(f)).findFirst().orElse(null);
    }
}
