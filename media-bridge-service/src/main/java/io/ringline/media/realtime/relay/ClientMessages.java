package io.ringline.media.realtime.relay;

import io.ringline.media.realtime.Dialect;
import io.ringline.media.realtime.SessionGrant;
import io.ringline.media.realtime.audio.Framing;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The text messages the bridge sends a realtime client (docs/api.md "Realtime protocol"), in the session's
 * dialect: protocol 2 on {@code /v1/realtime}, Evolution GO's own protocol on GO's path (which has only
 * {@code start} and {@code stop}).
 */
final class ClientMessages {

    static final int PROTOCOL = 2;

    private final SessionGrant grant;
    private final JsonMapper json;

    ClientMessages(SessionGrant grant, JsonMapper json) {
        this.grant = grant;
        this.json = json;
    }

    boolean v2() {
        return grant.dialect() == Dialect.RINGLINE;
    }

    String start() {
        Map<String, Object> start = new LinkedHashMap<>();
        start.put("type", "start");
        if (v2()) {
            start.put("protocol", PROTOCOL);
            start.put("callId", grant.callId());
            start.put("format", grant.format().wire());
            start.put("sampleRate", grant.format().sampleRate());
            start.put("channels", 1);
            start.put("mode", grant.mode().wire());
            start.put("framing", grant.framing().wire());
            start.put("playout", grant.playout().wire());
        } else {
            start.put("callId", grant.externalCallId()); // GO's start names GO's CallID
            start.put("sampleRate", 16_000);
            start.put("channels", 1);
            start.put("mode", grant.mode().wire());
        }
        return write(start);
    }

    String stop(String reason) {
        return write(ordered("type", "stop", "reason", reason));
    }

    String mark(String name) {
        return write(ordered("type", "mark", "name", name));
    }

    String cleared(List<String> marks) {
        return write(ordered("type", "cleared", "marks", marks));
    }

    /** Audio the client sent was refused because the playout buffer holds {@code bufferedMillis} already. */
    String bufferFull(long bufferedMillis, long maxMillis) {
        return write(ordered("type", "error", "code", "BUFFER_FULL", "message",
                "outbound audio buffer full (" + maxMillis + " ms); audio dropped until it drains — pace on marks",
                "bufferedMs", bufferedMillis));
    }

    /** A live playout dropped audio that would have played too late (coalesced: {@link LateDrops}). */
    String dropped(LateDrops.Report report) {
        return write(ordered("type", "dropped", "reason", "late", "ms", report.ms(), "totalMs", report.totalMs()));
    }

    String mediaInfo(long seq, long timestampMs) {
        return write(ordered("type", "media-info", "seq", seq, "timestampMs", timestampMs));
    }

    String media(long seq, long timestampMs, byte[] audio) {
        return write(ordered("type", "media", "seq", seq, "timestampMs", timestampMs, "payload",
                Base64.getEncoder().encodeToString(audio)));
    }

    String playFinished(String playId, String outcome) {
        return write(ordered("type", "play_finished", "playId", playId, "outcome", outcome));
    }

    boolean jsonFraming() {
        return grant.framing() == Framing.JSON;
    }

    private static Map<String, Object> ordered(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private String write(Map<String, Object> message) {
        return json.writeValueAsString(message);
    }
}
