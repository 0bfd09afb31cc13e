package io.ringline.sandbox.meta.permission;

import java.time.Duration;
import java.time.Instant;

/**
 * One rolling-window limit as {@code GET call_permissions} reports it; {@code limitExpiresAt} is when the oldest
 * counted use leaves the window, given only once the limit is reached.
 */
public record UsageLimit(String timePeriod, int maxAllowed, int currentUsage, Instant limitExpiresAt) {

    static UsageLimit of(String timePeriod, Duration window, int maxAllowed, UsageLog log, Instant now) {
        int used = log.countSince(now.minus(window));
        Instant expires = used >= maxAllowed ? log.oldestSince(now.minus(window)).plus(window) : null;
        return new UsageLimit(timePeriod, maxAllowed, used, expires);
    }

    public boolean reached() {
        return currentUsage >= maxAllowed;
    }
}
