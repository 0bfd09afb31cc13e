package io.ringline.fanout.subscription;

import java.util.Arrays;
import java.util.Optional;

/** The webhook event names tenants subscribe to (SPEC §4), with their wire spelling. */
public enum EventName {
    CALL_RINGING("call.ringing"),
    CALL_CONNECTED("call.connected"),
    CALL_ENDED("call.ended"),
    CALL_MISSED("call.missed"),
    CALL_PERMISSION_UPDATED("call.permission_updated"),
    CALL_PLAY_FINISHED("call.play_finished"),
    CALLS("calls");

    private final String wire;

    EventName(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<EventName> fromWire(String wire) {
        return Arrays.stream(values()).filter(e -> e.wire.equals(wire)).findFirst();
    }
}
