package io.ringline.system.abuse.gen;

import io.ringline.system.abuse.catalog.Auth;
import io.ringline.system.abuse.catalog.Route;
import java.util.List;

/** A method the route's path does not declare (including odd and lower-case ones), with a sure fault. */
final class MethodAttack implements Attack {

    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS",
            "TRACE", "PROPFIND", "FOO", "get", "post", "CONNECT", "M-SEARCH");

    @Override
    public String category() {
        return "method";
    }

    @Override
    public boolean appliesTo(Route route) {
        return route.auth() != Auth.REALTIME_TOKEN;
    }

    @Override
    public void shape(Draft d, Ctx ctx) {
        List<String> undeclared = METHODS.stream().filter(m -> !ctx.declaredMethods(d.route).contains(m)).toList();
        d.method = undeclared.get(ctx.nextInt(undeclared.size()));
        d.kind = "method:" + d.method;
        d.transport = d.method.equals("CONNECT") || !d.method.equals(d.method.toUpperCase(java.util.Locale.ROOT));
        boolean read = d.method.equals("GET") || d.method.equals("HEAD") || d.method.equals("OPTIONS");
        if (read && (d.route.auth() == Auth.META_SIGNATURE || d.route.auth() == Auth.GO_WEBHOOK_TOKEN)) {
            // These routes authenticate the body; a read method carries none that counts, so it is just a read.
            d.expect = HostileRequest.Expect.HARMLESS_READ;
            return;
        }
        if (Drafts.isOwnerRead(d, ctx)) {
            // A read method on an existing path answers without looking anything up (OPTIONS lists the
            // methods), so only a credential fault makes it a refusal.
            if (ctx.chance(50) || !Faults.byCredential(d, ctx)) {
                d.expect = HostileRequest.Expect.HARMLESS_READ;
            }
            return;
        }
        if (d.route.auth() == Auth.NONE) {
            // A public route has no credential to get wrong; the method no document declares is the fault.
            d.fault("method:undeclared");
            return;
        }
        Faults.any(d, ctx);
    }
}
