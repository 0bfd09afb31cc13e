package io.ringline.media.realtime;

import java.util.Locale;

/**
 * Which protocol a realtime session speaks. {@code RINGLINE}: protocol 2 on {@code /v1/realtime} (formats,
 * framing, marks, {@code cleared}, media timestamps; docs/api.md). {@code EVOLUTION_GO}: Evolution GO's own
 * protocol on GO's own path {@code /call/media/realtime/ws} (PCM16 16 kHz binary, GO's {@code start} naming GO's
 * CallID, {@code clear}, {@code stop}), for sessions opened through the GO compatibility layer, so GO clients
 * work unchanged.
 */
public enum Dialect {
    RINGLINE("/v1/realtime"),
    EVOLUTION_GO("/call/media/realtime/ws");

    private final String path;

    Dialect(String path) {
        this.path = path;
    }

    /** The public WebSocket path this dialect is served on. */
    public String path() {
        return path;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @param value null means {@code RINGLINE}; anything else unknown too (the internal caller is ours) */
    public static Dialect parse(String value) {
        return "evolution_go".equals(value) ? EVOLUTION_GO : RINGLINE;
    }
}
