package io.ringline.sandbox.evogo.realtime;

import java.time.Instant;

/** A realtime session handed out for a call: whoever presents {@code token} first, before it expires, gets it. */
public record RealtimeGrant(String token, String instanceName, String callId, RealtimeMode mode, Instant expiresAt) {
}
