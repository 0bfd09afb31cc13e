package io.ringline.sandbox.evogo.realtime;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** {@code talk}: audio flows both ways; {@code listen}: the client only receives, audio it sends is refused. */
public enum RealtimeMode {
    TALK,
    LISTEN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RealtimeMode> parse(String wireName) {
        return Arrays.stream(values()).filter(mode -> mode.wireName().equals(wireName)).findFirst();
    }
}
