package io.ringline.media.realtime.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The realtime clock ticks every 20 ms while a session is open and not at all without one: its thread then parks
 * with no deadline ({@code WAITING}) — a clock that kept ticking would sit in a timed wait instead — and a session
 * opening wakes it again.
 */
class PacerTest {

    static final Duration DEADLINE = Duration.ofSeconds(10);

    final Pacer pacer = new Pacer();
    final Thread clock = Thread.ofPlatform().name("realtime-pacer").daemon().start(pacer::run);

    @AfterEach
    void close() {
        pacer.close();
    }

    @Test
    void withNoSessionOpenTheClockDoesNotTick() {
        awaitParkedWithoutDeadline();
    }

    @Test
    void aSessionOpeningStartsTheClockAndTheLastOneClosingStopsIt() {
        awaitParkedWithoutDeadline();
        AtomicInteger ticks = new AtomicInteger();
        Runnable session = ticks::incrementAndGet;

        pacer.register(session);
        await().atMost(DEADLINE).until(() -> ticks.get() >= 3);

        pacer.unregister(session);
        awaitParkedWithoutDeadline();
        int afterStop = ticks.get();
        AtomicInteger other = new AtomicInteger();
        pacer.register(other::incrementAndGet); // wakes the parked clock again
        await().atMost(DEADLINE).until(() -> other.get() >= 3);
        assertThat(ticks).as("a closed session is not paced any more").hasValue(afterStop);
    }

    @Test
    void ticksComeOncePerPeriodNotFaster() {
        AtomicInteger ticks = new AtomicInteger();
        long start = System.nanoTime();
        pacer.register(ticks::incrementAndGet);
        await().atMost(DEADLINE).until(() -> ticks.get() >= 10);
        long elapsed = System.nanoTime() - start;

        // a lower bound only (a slow machine may tick late, never early): ten ticks span at least ten periods
        assertThat(TimeUnit.NANOSECONDS.toMillis(elapsed)).isGreaterThanOrEqualTo(10 * Pacer.TICK_MILLIS);
    }

    @Test
    void aSessionThatThrowsDoesNotStopTheOthers() {
        AtomicInteger ticks = new AtomicInteger();
        pacer.register(() -> {
            throw new IllegalStateException("broken session");
        });
        pacer.register(ticks::incrementAndGet);

        await().atMost(DEADLINE).until(() -> ticks.get() >= 5);
    }

    @Test
    void closingEndsTheClocksThread() {
        pacer.register(() -> { });
        pacer.close();

        await().atMost(DEADLINE).until(() -> !clock.isAlive());
    }

    private void awaitParkedWithoutDeadline() {
        await().atMost(DEADLINE).until(() -> clock.getState() == Thread.State.WAITING);
    }
}
