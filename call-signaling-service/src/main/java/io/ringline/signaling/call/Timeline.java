package io.ringline.signaling.call;

import java.time.Instant;
import java.util.Objects;

/**
 * When things happened to a call. {@code createdAt} and {@code updatedAt} are Ringline's own record times, always
 * known; {@code startedAt} is when the call began (the offer's time for an inbound call), {@code connectedAt} and
 * {@code endedAt} are absent until the call is answered and ended.
 */
public record Timeline(Instant createdAt, Instant startedAt, Instant connectedAt, Instant endedAt, Instant updatedAt) {

    public Timeline {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** A call created at {@code now} that began at {@code startedAt} and has not been answered. */
    public static Timeline started(Instant startedAt, Instant now) {
        return new Timeline(now, startedAt, null, null, now);
    }
}
