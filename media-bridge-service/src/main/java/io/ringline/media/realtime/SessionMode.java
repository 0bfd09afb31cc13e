package io.ringline.media.realtime;

import io.ringline.platform.web.ApiException;
import java.util.Locale;

/** {@code talk}: audio both ways; {@code listen}: the client only receives, audio it sends is refused. */
public enum SessionMode {
    TALK, LISTEN;

    /** @param value null means talk; @throws ApiException 400 INVALID_REQUEST naming {@code mode} */
    public static SessionMode parse(String value) {
        if (value == null) {
            return TALK;
        }
        return switch (value) {
            case "talk" -> TALK;
            case "listen" -> LISTEN;
            default -> throw ApiException.invalid("mode", "must be \"talk\" or \"listen\"");
        };
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
