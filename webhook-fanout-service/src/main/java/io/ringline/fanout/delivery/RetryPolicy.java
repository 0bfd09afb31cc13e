package io.ringline.fanout.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * When to try a failed delivery again. The first attempt is immediate; after the n-th failure the
 * delivery waits {@code schedule[n-1]} ± jitter, or at least as long as the receiver's Retry-After
 * (capped); after the last pause's retry has failed too, it gives up.
 */
public final class RetryPolicy {

    private final List<Duration> schedule;
    private final double jitter;
    private final Duration maxRetryAfter;
    private final DoubleSupplier random;

    /** @param random uniform in [0, 1); injectable so tests can pin the jitter */
    public RetryPolicy(List<Duration> schedule, double jitter, Duration maxRetryAfter, DoubleSupplier random) {
        this.schedule = List.copyOf(schedule);
        this.jitter = jitter;
        this.maxRetryAfter = maxRetryAfter;
        this.random = random;
    }

    public RetryPolicy(List<Duration> schedule, double jitter, Duration maxRetryAfter) {
        this(schedule, jitter, maxRetryAfter, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** First attempt plus one retry per schedule entry. */
    public int maxAttempts() {
        return schedule.size() + 1;
    }

    /**
     * @param failedAttempts attempts made so far, all failed (≥ 1)
     * @param retryAfter     what the receiver asked for, or null
     * @return the pause before the next attempt; empty when the schedule is exhausted
     */
    public Optional<Duration> pauseAfter(int failedAttempts, Duration retryAfter) {
        if (failedAttempts < 1 || failedAttempts > schedule.size()) {
            return Optional.empty();
        }
        long base = schedule.get(failedAttempts - 1).toMillis();
        double factor = 1 + jitter * (2 * random.getAsDouble() - 1);
        Duration pause = Duration.ofMillis(Math.round(base * factor));
        if (retryAfter != null) {
            Duration asked = retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
            if (asked.compareTo(pause) > 0) {
                pause = asked; // never earlier than the receiver asked, never faster than our schedule
            }
        }
        return Optional.of(pause);
    }
}
