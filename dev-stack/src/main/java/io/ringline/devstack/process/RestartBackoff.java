package io.ringline.devstack.process;

import java.time.Duration;

/**
 * How long to wait before restarting a process that died: {@code first}, doubling with every death in a row up to
 * {@code max}; a process that stayed ready for {@code stableAfter} starts the count again.
 */
public record RestartBackoff(Duration first, Duration max, Duration stableAfter) {

    public static final RestartBackoff DEFAULT =
            new RestartBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(60));

    /** @param deathsInRow 1 for the first death since the process was last stable */
    public Duration delay(int deathsInRow) {
        Duration delay = first;
        for (int i = 1; i < deathsInRow && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
