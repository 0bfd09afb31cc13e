package io.ringline.sandbox.sim;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Runs simulated-user and provider timeouts on Reactor's timer instead of sleeping threads. Timers are never
 * cancelled: every call transition is guarded by the call's state, so a timer that fires late (the user answered
 * a call that already timed out) changes nothing, and a fired timer releases its call.
 */
@Component
public class Timers {

    private static final Logger log = LoggerFactory.getLogger(Timers.class);

    public void after(Duration delay, Runnable task) {
        Mono.delay(delay.isNegative() ? Duration.ZERO : delay)
                .subscribe(tick -> runSafely(task), error -> log.warn("Sandbox timer failed", error));
    }

    private static void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            // A failing simulated step must not kill the timer thread or the other calls' timers.
            log.warn("Sandbox timer task failed", e);
        }
    }
}
