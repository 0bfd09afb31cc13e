package io.ringline.media.realtime;

import io.ringline.platform.web.ApiException;
import java.util.Locale;

/**
 * How a talk session plays the client's audio into the call (docs/api.md "Realtime protocol"). {@code buffered}:
 * every byte, in order, at real time — a client may send faster than real time and its audio waits its turn, however
 * late that makes it. {@code live}: at real time within a bounded delay
 * ({@code ringline.media.realtime.live-max-delay}) — audio that would wait longer, such as the burst after a stall of a client streaming at real time, is dropped
 * oldest first, so the call never stays behind the stream.
 */
public enum PlayoutMode {
    BUFFERED, LIVE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @param value null means buffered; @throws ApiException 400 INVALID_REQUEST naming {@code playout} */
    public static PlayoutMode parse(String value) {
        if (value == null) {
            return BUFFERED;
        }
        return switch (value) {
            case "buffered" -> BUFFERED;
            case "live" -> LIVE;
            default -> throw ApiException.invalid("playout", "must be \"buffered\" or \"live\"");
        };
    }
}
