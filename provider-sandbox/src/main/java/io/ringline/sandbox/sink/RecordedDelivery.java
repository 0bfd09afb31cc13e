package io.ringline.sandbox.sink;

import java.time.Instant;
import java.util.Map;

/**
 * One request the sink received. Header names are lower-case, repeated headers joined with ", "; {@code body} is
 * the raw body as UTF-8 text; {@code status} is what the sink answered.
 */
record RecordedDelivery(
        long id,
        Instant receivedAt,
        String method,
        String path,
        String query,
        Map<String, String> headers,
        String body,
        int status) {
}
