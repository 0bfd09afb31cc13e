package io.ringline.sandbox.sim;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Runs simulated-user and provider timeouts on Reactor's timer instead of sleeping threads. Timers are never
 * cancelled: every call transition is guarded by the call's state, so a timer that fires late (the user answered
 * a call that already timed out) changes nothing, and a fired timer releases its call.
 */
@Component
public class Timers {

    private static final Logger log = LoggerFactory.getLogger(Timers.class);

    /** Where follow-up steps of futures completed on foreign threads (native media callbacks) run. */
    public static final Executor OFF_NATIVE_THREADS = task -> Schedulers.parallel().schedule(task);

    public void after(Duration delay, Runnable task) {
        Mono.delay(delay.isNegative() ? Duration.ZERO : delay)
                .subscribe(tick -> runSafely(task), error -> log.warn("Sandbox timer failed", error));
    }

    /**
     * Runs {@code task} with the future's value once it is there, on Reactor's scheduler rather than on the thread
     * that completed the future (a native media thread, say); like a timer, a failing task is logged, not lost.
     */
    public <T> void whenDone(CompletableFuture<T> future, Consumer<T> task) {
        Mono.fromFuture(future, true)
                .publishOn(Schedulers.parallel())
                .subscribe(value -> runSafely(() -> task.accept(value)), error -> log.warn("Sandbox step failed", error));
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
