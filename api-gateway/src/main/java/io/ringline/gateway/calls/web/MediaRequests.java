package io.ringline.gateway.calls.web;

import io.ringline.gateway.web.JsonFields;
import io.ringline.platform.web.ApiException;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bodies of the EVO_GO audio routes. The media URL's scheme, extension and destination are judged by
 * media-bridge-service, which owns the download (and its development switch for private networks).
 */
final class MediaRequests {

    static final int MAX_URL = 2048;

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

    /** {@code {mode?: "talk"|"listen"}}, talk by default; no body is fine. */
    static String realtimeSession(Optional<ObjectNode> body) {
        String mode = body.map(JsonFields::new).map(fields -> fields.onlyFields("mode").optionalString("mode"))
                .orElse(null);
        if (mode == null) {
            return "talk";
        }
        if (!mode.equals("talk") && !mode.equals("listen")) {
            throw ApiException.invalid("mode", "must be \"talk\" or \"listen\"");
        }
        return mode;
    }
}
