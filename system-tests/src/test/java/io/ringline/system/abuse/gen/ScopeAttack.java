package io.ringline.system.abuse.gen;

import io.ringline.system.abuse.catalog.Auth;
import io.ringline.system.abuse.catalog.KeyScope;
import io.ringline.system.abuse.catalog.Route;

/** The owner's plausible request sent with the same tenant's key of the scope the route refuses. */
final class ScopeAttack implements Attack {

    @Override
    public String category() {
        return "scope";
    }

    @Override
    public boolean appliesTo(Route route) {
        return route.auth() == Auth.API_KEY && (route.scope() == KeyScope.TENANT || route.scope() == KeyScope.NUMBER);
    }

    @Override
    public void shape(Draft d, Ctx ctx) {
        d.credential = ctx.principals().wrongScope(d.route, ctx.victim(), ctx.random());
        d.fault("scope:wrong");
        d.kind = d.route.scope() == KeyScope.TENANT ? "scope:number-key-on-tenant-route" : "scope:tenant-key-on-number-route";
    }
}
