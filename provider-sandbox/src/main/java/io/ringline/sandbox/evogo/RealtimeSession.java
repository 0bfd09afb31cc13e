package io.ringline.sandbox.evogo;

/** A realtime audio session granted for a call; the sandbox hands out the token but runs no WebSocket server. */
public record RealtimeSession(String callId, String token, long expiresInSeconds) {
}
