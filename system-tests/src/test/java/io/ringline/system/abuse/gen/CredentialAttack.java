package io.ringline.system.abuse.gen;

import io.ringline.system.abuse.catalog.Auth;
import io.ringline.system.abuse.catalog.Route;

/** The owner's plausible request with a credential that is nobody's: missing, wrong, revoked, another kind's. */
final class CredentialAttack implements Attack {

    @Override
    public String category() {
        return "credential";
    }

    @Override
    public boolean appliesTo(Route route) {
        return route.auth() == Auth.API_KEY || route.auth() == Auth.OPERATOR || route.auth() == Auth.GO_INSTANCE;
    }

    @Override
    public void shape(Draft d, Ctx ctx) {
        d.credential = ctx.principals().invalid(d.route, ctx.victim(), ctx.random());
        d.fault("credential:invalid");
        d.kind = "credential:" + Slug.of(d.credential.name());
    }
}
