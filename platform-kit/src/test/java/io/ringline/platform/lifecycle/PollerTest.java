package io.ringline.platform.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The poller on virtual time: every pause and every round's own delay runs on a {@link VirtualTimeScheduler} of the
 * test's own, so the tests move the clock instead of waiting, and what happened by each instant is exact. Not the
 * global one ({@code getOrSet}): every other timer in the JVM — another test class's leftovers — would then run on it
 * and could drain its queue on their own thread while the test reads a counter (a CI run saw exactly that).
 */
class PollerTest {

    private VirtualTimeScheduler time;
    private Poller poller;

    @BeforeEach
    void virtualTime() {
        time = VirtualTimeScheduler.create();
    }

    @AfterEach
    void realTime() {
        if (poller != null) {
            poller.stop();
        }
        time.dispose();
    }

    /** A round still running when a test ends is on virtual time: the stop in {@link #realTime} should not wait. */
    private Poller.Builder test() {
        return Poller.named("test").stopTimeout(Duration.ofMillis(100)).runsOn(time);
    }

    private void advance(Duration by) {
        time.advanceTimeBy(by);
    }

    @Test
    void runsARoundThenPausesTheIntervalAfterItsEnd() {
        AtomicInteger rounds = new AtomicInteger();
        poller = test().initialDelay(Duration.ofSeconds(5)).every(Duration.ofSeconds(10))
                .run(() -> Mono.delay(Duration.ofSeconds(3), time).doOnSubscribe(s -> rounds.incrementAndGet()));
        poller.start();
        assertThat(poller.isRunning()).isTrue();

        advance(Duration.ofSeconds(4));
        assertThat(rounds).hasValue(0); // the initial delay
        advance(Duration.ofSeconds(1));
        assertThat(rounds).hasValue(1); // t=5: first round, runs until 8
        advance(Duration.ofSeconds(12));
        assertThat(rounds).hasValue(1); // t=17: fixed delay counts from the round's end (8 + 10 = 18)
        advance(Duration.ofSeconds(1));
        assertThat(rounds).hasValue(2);
    }

    @Test
    void neverRunsTwoRoundsAtOnceEvenWhenWokenDuringOne() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        AtomicInteger rounds = new AtomicInteger();
        poller = test().every(Duration.ofMillis(1))
                .run(() -> Mono.delay(Duration.ofSeconds(30), time)
                        .doOnSubscribe(s -> {
                            rounds.incrementAndGet();
                            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                            poller.wakeUp(); // asks for another round while this one runs
                        })
                        .doOnTerminate(running::decrementAndGet)); // before the end is signalled on
        poller.start();

        advance(Duration.ofSeconds(100));

        assertThat(rounds).hasValue(4); // started at 0, 30, 60 and 90: each after the previous ended
        assertThat(mostAtOnce).hasValue(1);
    }

    @Test
    void backsOffDoublingAfterFailuresInARowAndResetsOnSuccess() {
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger failuresLeft = new AtomicInteger(4);
        poller = test().every(Duration.ofSeconds(10))
                .backoff(Duration.ofSeconds(1), Duration.ofSeconds(4))
                .run(() -> Mono.defer(() -> {
                    attempts.incrementAndGet();
                    return failuresLeft.getAndDecrement() > 0 ? Mono.error(new IllegalStateException("down"))
                            : Mono.empty();
                }));
        poller.start();

        advance(Duration.ZERO);
        assertThat(attempts).hasValue(1); // t=0 fails
        advance(Duration.ofSeconds(1));
        assertThat(attempts).hasValue(2); // t=1 fails, next after 2 s
        advance(Duration.ofMillis(1999));
        assertThat(attempts).hasValue(2);
        advance(Duration.ofMillis(1));
        assertThat(attempts).hasValue(3); // t=3 fails, next after 4 s (the cap)
        advance(Duration.ofSeconds(4));
        assertThat(attempts).hasValue(4); // t=7 fails, next after 4 s: capped, not 8
        advance(Duration.ofSeconds(4));
        assertThat(attempts).hasValue(5); // t=11 succeeds: back to the interval
        advance(Duration.ofSeconds(9));
        assertThat(attempts).hasValue(5);
        advance(Duration.ofSeconds(1));
        assertThat(attempts).hasValue(6);
    }

    @Test
    void theDefaultBackoffStartsAtTheIntervalAndDoublesUpToAMinute() {
        Poller p = test().every(Duration.ofSeconds(15)).run(Mono::empty);
        assertThat(p.backoff(1)).isEqualTo(Duration.ofSeconds(15));
        assertThat(p.backoff(2)).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.backoff(3)).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.backoff(30)).isEqualTo(Duration.ofSeconds(60));
        Poller hourly = test().every(Duration.ofHours(1)).run(Mono::empty);
        assertThat(hourly.backoff(5)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aWakeUpEndsThePauseAtOnce() {
        AtomicInteger rounds = new AtomicInteger();
        poller = test().every(Duration.ofHours(1)).run(() -> Mono.fromRunnable(rounds::incrementAndGet));
        poller.start();
        advance(Duration.ZERO);
        assertThat(rounds).hasValue(1);

        poller.wakeUp();
        advance(Duration.ZERO);

        assertThat(rounds).hasValue(2);
    }

    @Test
    void aRoundPastItsTimeoutFailsAndIsCancelled() {
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicInteger rounds = new AtomicInteger();
        poller = test().every(Duration.ofSeconds(10)).roundTimeout(Duration.ofSeconds(60))
                .run(() -> Mono.never().doOnSubscribe(s -> rounds.incrementAndGet())
                        .doOnCancel(() -> cancelled.set(true)));
        poller.start();
        advance(Duration.ofSeconds(60));
        assertThat(cancelled).isTrue();
        advance(Duration.ofSeconds(10)); // the back-off after the failure
        assertThat(rounds).hasValue(2);
    }

    @Test
    void stopEndsThePauseAndNoRoundRunsAfterIt() {
        AtomicInteger rounds = new AtomicInteger();
        poller = test().every(Duration.ofSeconds(10)).run(() -> Mono.fromRunnable(rounds::incrementAndGet));
        poller.start();
        advance(Duration.ZERO);
        assertThat(rounds).hasValue(1);

        poller.stop(); // returns at once: nothing was running
        assertThat(poller.isRunning()).isFalse();
        poller.wakeUp();
        advance(Duration.ofHours(1));

        assertThat(rounds).hasValue(1);
    }

    @Test
    void stopLetsTheRunningRoundFinish() throws InterruptedException {
        AtomicInteger rounds = new AtomicInteger();
        AtomicBoolean finished = new AtomicBoolean();
        AtomicBoolean cancelled = new AtomicBoolean();
        poller = test().every(Duration.ofSeconds(1)).stopTimeout(Duration.ofMinutes(1))
                .run(() -> Mono.delay(Duration.ofSeconds(30), time)
                        .doOnSubscribe(s -> rounds.incrementAndGet())
                        .doOnSuccess(v -> finished.set(true))
                        .doOnCancel(() -> cancelled.set(true)));
        poller.start();
        advance(Duration.ofSeconds(10)); // the first round runs until t=30
        Thread stopper = Thread.ofPlatform().start(poller::stop);
        await().atMost(Duration.ofSeconds(10)).until(() -> stopper.getState() == Thread.State.TIMED_WAITING);

        advance(Duration.ofSeconds(20));
        stopper.join(Duration.ofSeconds(10));

        assertThat(stopper.isAlive()).isFalse();
        assertThat(finished).isTrue();
        assertThat(cancelled).isFalse();
        advance(Duration.ofHours(1));
        assertThat(rounds).hasValue(1);
    }

    @Test
    void stopCancelsARoundThatOutlivesTheStopTimeout() {
        AtomicBoolean cancelled = new AtomicBoolean();
        poller = test().every(Duration.ofSeconds(1)).stopTimeout(Duration.ofMillis(50))
                .run(() -> Mono.never().doOnCancel(() -> cancelled.set(true)));
        poller.start();
        advance(Duration.ZERO);

        poller.stop();

        assertThat(cancelled).isTrue();
        assertThat(poller.isRunning()).isFalse();
    }

    @Test
    void startsAgainAfterAStopAndADisabledPollerNeverStarts() {
        AtomicInteger rounds = new AtomicInteger();
        poller = test().every(Duration.ofSeconds(10)).run(() -> Mono.fromRunnable(rounds::incrementAndGet));
        poller.start();
        advance(Duration.ZERO);
        poller.stop();
        poller.start();
        advance(Duration.ZERO);
        assertThat(rounds).hasValue(2);

        AtomicInteger disabledRounds = new AtomicInteger();
        Poller disabled = Poller.named("off").enabled(false).every(Duration.ofSeconds(1))
                .run(() -> Mono.fromRunnable(disabledRounds::incrementAndGet));
        disabled.start();
        advance(Duration.ofMinutes(1));
        assertThat(disabled.isRunning()).isFalse();
        assertThat(disabledRounds).hasValue(0);
    }
}
