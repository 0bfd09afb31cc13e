package io.ringline.system.abuse.gen;

import io.ringline.platform.crypto.Hashing;
import io.ringline.system.abuse.catalog.Auth;
import io.ringline.system.abuse.http.RawRequest.Header;
import java.util.HexFormat;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sure faults other attacks pair their hostility with: a credential that authenticates no one (of
 * whatever kind the route takes), or content naming nothing that exists or not parseable at all.
 */
final class Faults {

    private Faults() {
    }

    /** Makes the draft's authentication fail; false on a public route, which has none to fail. */
    static boolean byCredential(Draft d, Ctx ctx) {
        switch (d.route.auth()) {
            case API_KEY, OPERATOR, GO_INSTANCE -> {
                d.credential = ctx.principals().invalid(d.route, ctx.victim(), ctx.random());
                d.fault("credential:invalid");
                return true;
            }
            case META_SIGNATURE -> {
                d.credential = Credential.none();
                d.headers.removeIf(h -> h.name().equalsIgnoreCase("X-Hub-Signature-256"));
                d.headers.add(Header.of("X-Hub-Signature-256", badSignature(ctx)));
                d.fault("signature:invalid");
                return true;
            }
            case GO_WEBHOOK_TOKEN -> {
                if (d.bodyTree instanceof ObjectNode body) {
                    body.put("instanceToken", Hashing.newSecret("go_"));
                    d.fault("token:invalid");
                    return true;
                }
                return false;
            }
            case REALTIME_TOKEN -> {
                d.fault("token:invalid");
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** Keeps the owner's credential and names a missing resource or sends an unparseable body; false if neither applies. */
    static boolean byContent(Draft d, Ctx ctx) {
        if (missingPathId(d, ctx)) {
            return true;
        }
        if (d.route.takesJsonBody() || d.route.auth() == Auth.META_SIGNATURE || d.route.auth() == Auth.GO_WEBHOOK_TOKEN) {
            d.bodyBytes = BodyFaults.unparseable(d.bodyTree == null ? SchemaBodies.JSON.createObjectNode() : d.bodyTree,
                    ctx.random()).bytes();
            if (d.route.auth() == Auth.META_SIGNATURE) {
                d.headers.add(Header.of("X-Hub-Signature-256",
                        Drafts.metaSignature(ctx.victim().meta().metaAppSecret(), d.bodyBytes)));
            }
            d.fault("body:unparseable");
            return true;
        }
        if (d.route.query().stream().anyMatch(q -> q.name().equals("callId"))) {
            d.query = "callId=" + ResourceIds.missing(ResourceIds.Type.CALL, ctx.random());
            d.fault("id:missing");
            return true;
        }
        return false;
    }

    /**
     * Names a resource that does not exist in one of the route's path parameters; false when it has none.
     * Body faults on a route with ids ride on this too: what a body must hold can depend on the resource
     * (an EVO_GO accept takes none), so only a missing resource makes such a request surely change nothing.
     */
    static boolean missingPathId(Draft d, Ctx ctx) {
        if (d.route.pathParams().isEmpty()) {
            return false;
        }
        String param = d.route.pathParams().get(ctx.nextInt(d.route.pathParams().size()));
        d.pathIds.put(param, ResourceIds.missing(ResourceIds.Type.of(param), ctx.random()));
        d.fault("id:missing");
        return true;
    }

    /** Either kind of sure fault, whichever the route allows (credential first when both do, at even odds). */
    static void any(Draft d, Ctx ctx) {
        boolean done = ctx.random().nextBoolean() ? byCredential(d, ctx) || byContent(d, ctx)
                : byContent(d, ctx) || byCredential(d, ctx);
        if (!done && !Drafts.isOwnerRead(d, ctx)) {
            throw new IllegalStateException("campaign bug: no sure fault for " + d.route.label());
        }
        if (!done) {
            d.expect = HostileRequest.Expect.HARMLESS_READ;
        }
    }

    private static String badSignature(Ctx ctx) {
        byte[] random = new byte[32];
        ctx.random().nextBytes(random);
        return switch (ctx.nextInt(6)) {
            case 0 -> "";
            case 1 -> "sha256=";
            case 2 -> "sha256=" + HexFormat.of().formatHex(random);
            case 3 -> "sha1=" + HexFormat.of().formatHex(random).substring(0, 40);
            case 4 -> "sha256=zz" + "0".repeat(62);
            default -> HexFormat.of().formatHex(random);
        };
    }
}
