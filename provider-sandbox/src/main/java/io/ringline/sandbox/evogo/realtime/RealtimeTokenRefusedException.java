package io.ringline.sandbox.evogo.realtime;

/** A realtime WebSocket presented a token that is unknown, already used, expired or for another call. */
public class RealtimeTokenRefusedException extends RuntimeException {

    public RealtimeTokenRefusedException(String message) {
        super(message);
    }
}
