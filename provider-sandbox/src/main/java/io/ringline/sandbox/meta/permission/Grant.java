package io.ringline.sandbox.meta.permission;

import java.time.Instant;

/**
 * A user's call permission for one business number. {@code expiresAt} is set for temporary grants only;
 * {@code behaviourRevision} ties the grant to the user behaviour it was made under.
 */
public record Grant(PermissionStatus status, Instant expiresAt, long behaviourRevision) {

    boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
