package io.ringline.fanout.delivery;

import java.time.Duration;
import java.time.Instant;

/**
 * What one HTTP attempt produced.
 *
 * @param statusCode      the response status, or null when no response arrived (refused, timeout, network)
 * @param responseExcerpt the first bytes of the response body, for the delivery log
 * @param error           why no usable response arrived, or null
 * @param retryAfter      the receiver's {@code Retry-After}, already parsed, or null
 */
public record AttemptResult(Instant attemptedAt, Duration duration, Integer statusCode, String responseExcerpt,
        String error, Duration retryAfter) {

    public static AttemptResult response(Instant attemptedAt, Duration duration, int statusCode, String excerpt,
            Duration retryAfter) {
        return new AttemptResult(attemptedAt, duration, statusCode, excerpt, null, retryAfter);
    }

    public static AttemptResult failure(Instant attemptedAt, Duration duration, String error) {
        return new AttemptResult(attemptedAt, duration, null, null, error, null);
    }

    public AttemptVerdict verdict() {
        return AttemptVerdict.of(statusCode);
    }
}
