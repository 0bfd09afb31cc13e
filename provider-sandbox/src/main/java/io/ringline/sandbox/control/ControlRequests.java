package io.ringline.sandbox.control;

import java.net.URI;
import java.net.URISyntaxException;

/** Field checks shared by the control API's request handlers; failures become 400 with the field named. */
public final class ControlRequests {

    private ControlRequests() {
    }

    public static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    /** Webhook targets must be absolute http(s) URLs; the sandbox follows no redirects and resolves at send time. */
    public static URI httpUrl(String value, String field) {
        required(value, field);
        try {
            URI uri = new URI(value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException(field + " must be an absolute http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(field + " must be an absolute http(s) URL");
        }
    }

    /** A null value is "not given" and passes. */
    public static void requireAtLeast(Long value, long min, String field) {
        if (value != null && value < min) {
            throw new IllegalArgumentException(field + " must be >= " + min);
        }
    }
}
