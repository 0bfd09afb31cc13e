package io.ringline.system.abuse.gen;

import io.ringline.system.abuse.catalog.Auth;
import io.ringline.system.abuse.catalog.Route;
import java.util.List;

/**
 * The route's path written the ways a lenient router or a prefix check might read differently (matrix
 * parameters, encoded and double-encoded characters, dot segments, backslashes, look-alikes, overlong), or
 * reached by traversal from a public prefix. Sent with the plausible body and a credential that must not
 * pass — none at all, a wrong one, or the wrong scope — exactly the shape of {@code POST /admin;x/tenants} —
 * or with the owner's credential and a content fault.
 */
final class PathAttack implements Attack {

    private static final List<PathVariants.Variant> TRAVERSALS = PathVariants.traversalsInto();

    /** How the request fails besides its path. */
    enum Mode {
        NO_CREDENTIAL, WRONG_SCOPE, CONTENT_FAULT, ANY
    }

    private final PathVariants.Variant forcedVariant;
    private final Mode mode;

    PathAttack() {
        this(null, Mode.ANY);
    }

    /** Always this variant and mode: the campaign's opening pass over every route and every variant. */
    PathAttack(PathVariants.Variant variant, Mode mode) {
        this.forcedVariant = variant;
        this.mode = mode;
    }

    @Override
    public String category() {
        return "path";
    }

    @Override
    public boolean appliesTo(Route route) {
        return route.auth() != Auth.REALTIME_TOKEN;
    }

    @Override
    public void shape(Draft d, Ctx ctx) {
        PathVariants.Variant variant = forcedVariant != null ? forcedVariant
                : ctx.chance(15) ? HostileStrings.pick(TRAVERSALS, ctx.random()) : PathVariants.any(ctx.random());
        Mode how = mode != Mode.ANY ? mode : Mode.values()[ctx.nextInt(3)];
        Credential wrongScope = ctx.principals().wrongScope(d.route, ctx.victim(), ctx.random());
        boolean keyed = d.route.auth() == Auth.API_KEY || d.route.auth() == Auth.OPERATOR
                || d.route.auth() == Auth.GO_INSTANCE;
        if (how == Mode.WRONG_SCOPE && wrongScope != null) {
            d.credential = wrongScope;
            d.fault("scope:wrong");
        } else if (how == Mode.NO_CREDENTIAL && keyed) {
            d.credential = Credential.none();
            d.fault("credential:invalid");
        } else if (how != Mode.CONTENT_FAULT || !Faults.byContent(d, ctx)) {
            if (!Faults.byCredential(d, ctx)) {
                d.expect = HostileRequest.Expect.HARMLESS_READ; // a public read (the OpenAPI document)
                if (!Drafts.isOwnerRead(d, ctx)) {
                    throw new IllegalStateException("campaign bug: no fault for a path variant of " + d.route.label());
                }
            }
        }
        d.rawPath = variant.apply().apply(d.renderedPath());
        d.kind = "path:" + variant.name();
    }
}
