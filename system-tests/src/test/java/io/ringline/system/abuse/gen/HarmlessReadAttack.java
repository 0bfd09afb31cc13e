package io.ringline.system.abuse.gen;

import io.ringline.system.abuse.catalog.Route;

/** The owner reading what it owns: the baseline every hostile read is compared with. */
final class HarmlessReadAttack implements Attack {

    @Override
    public String category() {
        return "read";
    }

    @Override
    public boolean appliesTo(Route route) {
        return route.isRead() && route.auth() != io.ringline.system.abuse.catalog.Auth.REALTIME_TOKEN;
    }

    @Override
    public void shape(Draft d, Ctx ctx) {
        d.kind = "read:owner";
        if (Drafts.isOwnerRead(d, ctx) && d.faults.isEmpty()) {
            d.expect = HostileRequest.Expect.HARMLESS_READ;
        }
    }
}
