package io.ringline.sandbox.evogo;

import io.ringline.sandbox.evogo.realtime.RealtimeMode;

/** A realtime WebSocket that was let in: the call it streams and how. */
public record RealtimeConnection(GoCall call, RealtimeMode mode) {
}
