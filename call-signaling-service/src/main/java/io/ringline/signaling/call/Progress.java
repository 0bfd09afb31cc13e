package io.ringline.signaling.call;

import java.util.Objects;

/**
 * Where a call stands: its status and, once it has ended, why and (when it was answered) for how many seconds it was
 * connected. An end reason or a duration on a call still going would be a lie, so neither can be made.
 */
public record Progress(CallStatus status, EndReason endReason, Integer durationSeconds) {

    public Progress {
        Objects.requireNonNull(status, "status");
        if (!status.isTerminal() && (endReason != null || durationSeconds != null)) {
            throw new IllegalArgumentException("a " + status + " call has no end reason or duration yet");
        }
        if (durationSeconds != null && durationSeconds < 0) {
            throw new IllegalArgumentException("duration cannot be negative: " + durationSeconds);
        }
    }

    /** A call that has not ended. */
    public static Progress of(CallStatus status) {
        return new Progress(status, null, null);
    }
}
