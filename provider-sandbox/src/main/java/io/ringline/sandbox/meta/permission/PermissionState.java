package io.ringline.sandbox.meta.permission;

import java.time.Instant;
import java.util.List;

/** A user's permission towards one number and the limits on asking for it and calling with it. */
public record PermissionState(Grant grant, List<UsageLimit> requestLimits, List<UsageLimit> callLimits) {

    public boolean mayRequest() {
        return grant.status() != PermissionStatus.PERMANENT && requestLimits.stream().noneMatch(UsageLimit::reached);
    }

    public boolean mayCall() {
        return grant.status().allowsCalls() && callLimits.stream().noneMatch(UsageLimit::reached);
    }

    public Instant expiresAt() {
        return grant.expiresAt();
    }
}
