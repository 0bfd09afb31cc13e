package io.ringline.fanout.subscription;

import java.time.Instant;

/**
 * What a run of attempts to one endpoint, in the order they finished, does to its health: {@code last_triggered}
 * moves to the latest attempt, a success ends the failure streak, and failures after the last success start one
 * (or continue the one already running). Several attempts folded into one update give the same result as applying
 * them one by one.
 *
 * @param lastAttemptAt when the latest of the attempts started
 * @param succeeded     whether any of them succeeded (so the streak stored before them is over)
 * @param failingFrom   when the failures after the last success began; null when the last attempt succeeded
 */
public record AttemptStreak(String subscriptionId, Instant lastAttemptAt, boolean succeeded, Instant failingFrom) {

    /** The effect of one attempt. */
    public static AttemptStreak of(String subscriptionId, boolean success, Instant at) {
        return new AttemptStreak(subscriptionId, at, success, success ? null : at);
    }

    /** This run followed by one more attempt of the same endpoint. */
    public AttemptStreak then(boolean success, Instant at) {
        Instant latest = at.isAfter(lastAttemptAt) ? at : lastAttemptAt;
        if (success) {
            return new AttemptStreak(subscriptionId, latest, true, null);
        }
        return new AttemptStreak(subscriptionId, latest, succeeded, failingFrom != null ? failingFrom : at);
    }
}
