package io.ringline.gateway.upstream;

import java.util.Map;

/**
 * An error a service answered with {@code details.retryAfterSeconds} ({@code 503 PROVIDER_BUSY}) reaches the
 * tenant with the matching {@code Retry-After} header, whichever way it came (command reply or internal HTTP).
 */
public final class RetryAfter {

    private RetryAfter() {
    }

    /** The headers to answer with: {@code Retry-After} when the details name a positive whole number of seconds. */
    public static Map<String, String> headers(Map<String, Object> details) {
        Object seconds = details == null ? null : details.get("retryAfterSeconds");
        if (seconds instanceof Number number && number.longValue() > 0) {
            return Map.of("Retry-After", String.valueOf(number.longValue()));
        }
        return Map.of();
    }
}
