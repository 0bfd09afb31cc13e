package io.ringline.fanout.replay;

import java.time.Duration;
import java.time.Instant;

/**
 * The validated time range of a replay: {@code since < until}, at most {@code maxRange} long, not starting
 * before what is still kept ({@code now - retention}) and not in the future.
 */
public record ReplayWindow(Instant since, Instant until) {

    /** A refused window, naming the request field at fault. */
    public static final class Invalid extends RuntimeException {
        private final String field;

        Invalid(String field, String problem) {
            super(problem);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /**
     * @param until null for "up to now"
     * @throws Invalid naming {@code since} or {@code until}
     */
    public static ReplayWindow of(Instant since, Instant until, Instant now, Duration retention, Duration maxRange) {
        if (since == null) {
            throw new Invalid("since", "is required");
        }
        Instant end = until == null ? now : until;
        if (!since.isBefore(end)) {
            throw new Invalid(until == null ? "since" : "until", "since must be before until");
        }
        if (since.isAfter(now)) {
            throw new Invalid("since", "must not be in the future");
        }
        if (since.isBefore(now.minus(retention))) {
            throw new Invalid("since", "events are kept for " + retention.toHours() + " h; since must be within that");
        }
        if (Duration.between(since, end).compareTo(maxRange) > 0) {
            throw new Invalid("until", "a replay covers at most " + maxRange.toHours() + " h");
        }
        return new ReplayWindow(since, end);
    }
}
