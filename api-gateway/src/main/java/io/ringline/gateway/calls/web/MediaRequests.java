package io.ringline.gateway.calls.web;

import io.ringline.gateway.web.JsonFields;
import io.ringline.platform.web.ApiException;
import io.ringline.gateway.calls.CallMedia;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bodies of the EVO_GO audio routes. The media URL's scheme, extension and destination are judged by
 * media-bridge-service, which owns the download (and its development switch for private networks).
 */
final class MediaRequests {

    static final int MAX_URL = 2048;
    /** A play id is {@code play_} + a ULID; anything else cannot name a play (and is never sent on). */
    static boolean isPlayId(String value) {
        return io.ringline.platform.ids.Ids.isId("play", value);
    }

    static ApiException playNotFound() {
        return new ApiException(org.springframework.http.HttpStatus.NOT_FOUND, "PLAY_NOT_FOUND",
                "No such play is playing or queued on this call");
    }

    private MediaRequests() {
    }

    /** {@code {mediaUrl}} or its alias {@code {url}}; errors name {@code mediaUrl}. */
    static String play(Optional<ObjectNode> body) {
        JsonFields fields = body.map(JsonFields::new)
                .orElseThrow(() -> ApiException.invalid("mediaUrl", "is required"))
                .onlyFields("mediaUrl", "url");
        if (fields.has("mediaUrl") && fields.has("url")) {
            throw ApiException.invalid("mediaUrl", "give mediaUrl or its alias url, not both");
        }
        String name = fields.has("url") ? "url" : "mediaUrl";
        String value;
        try {
            value = fields.optionalText(name, MAX_URL);
        } catch (ApiException e) {
            throw ApiException.invalid("mediaUrl", String.valueOf(e.details().get("problem")));
        }
        if (value == null) {
            throw ApiException.invalid("mediaUrl", "is required");
        }
        return value;
    }

    static final List<String> FORMATS = List.of("pcm16_16k", "pcm16_8k", "pcm16_24k", "mulaw_8k");
    static final List<String> FRAMINGS = List.of("binary", "json");
    static final List<String> PLAYOUTS = List.of("buffered", "live");

    /**
     * {@code {mode?: "talk"|"listen", format?, framing?, playout?}} (SPEC §6.3): talk, {@code pcm16_16k},
     * {@code binary}, {@code buffered} by default; no body is fine. The media bridge refuses a {@code live} listen.
     */
    static CallMedia.SessionOptions realtimeSession(Optional<ObjectNode> body) {
        JsonFields fields = body.map(JsonFields::new).map(f -> f.onlyFields("mode", "format", "framing", "playout")).orElse(null);
        String mode = oneOf(fields, "mode", List.of("talk", "listen"), "talk");
        String format = oneOf(fields, "format", FORMATS, "pcm16_16k");
        String framing = oneOf(fields, "framing", FRAMINGS, "binary");
        String playout = oneOf(fields, "playout", PLAYOUTS, "buffered");
        return new CallMedia.SessionOptions(mode, format, framing, playout);
    }

    private static String oneOf(JsonFields fields, String name, List<String> allowed, String absent) {
        String value = fields == null ? null : fields.optionalString(name);
        if (value == null) {
            return absent;
        }
        if (!allowed.contains(value)) {
            throw ApiException.invalid(name, "must be one of " + allowed.stream().map(v -> "\"" + v + "\"")
                    .collect(Collectors.joining(", ")));
        }
        return value;
    }
}
