package io.ringline.media.realtime.audio;

import io.ringline.platform.web.ApiException;
import java.util.Locale;

/**
 * How audio travels on a public realtime session: {@code binary} WebSocket frames of raw audio, or {@code json}
 * text frames {@code {"type":"media","seq","timestampMs","payload":"<base64>"}} (the shape Twilio-style agents
 * already parse).
 */
public enum Framing {
    BINARY, JSON;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @param value null means binary; @throws ApiException 400 INVALID_REQUEST naming {@code framing} */
    public static Framing parse(String value) {
        if (value == null) {
            return BINARY;
        }
        return switch (value) {
            case "binary" -> BINARY;
            case "json" -> JSON;
            default -> throw ApiException.invalid("framing", "must be \"binary\" or \"json\"");
        };
    }
}
