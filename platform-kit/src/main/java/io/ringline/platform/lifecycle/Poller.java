package io.ringline.platform.lifecycle;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The one polling loop of the house: runs a round of work while the application runs, with a fixed delay between the
 * end of one round and the start of the next, never two rounds at once, a growing pause after consecutive failures
 * (reset by a success), an early round on {@link #wakeUp()}, and a clean stop that lets a running round finish
 * (bounded) before it is cancelled. A round is a {@link Mono}; what it emits is ignored, an error is logged (message
 * only) and retried after the back-off.
 */
public final class Poller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Poller.class);

    private final String name;
    private final Supplier<? extends Mono<?>> round;
    private final Duration interval;
    private final Duration initialDelay;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final Duration roundTimeout;
    private final Duration stopTimeout;
    private final Level failureLevel;
    private final boolean enabled;
    private final int phase;
    /** Where the pauses and the round timeout are timed, and where a round starts. */
    private final Scheduler timers;
    private final Scheduler rounds;

    private final AtomicBoolean wakeUpPending = new AtomicBoolean();
    private final AtomicReference<MonoSink<Void>> pause = new AtomicReference<>();
    private volatile boolean stopping;
    private volatile Disposable loop;
    private volatile CountDownLatch finished;
    /** Touched by the loop only, one round at a time. */
    private int failuresInARow;

    private Poller(Builder b, Supplier<? extends Mono<?>> round) {
        this.name = b.name;
        this.round = round;
        this.interval = b.interval;
        this.initialDelay = b.initialDelay;
        this.firstBackoff = b.firstBackoff != null ? b.firstBackoff : b.interval;
        this.maxBackoff = b.maxBackoff != null ? b.maxBackoff : max(b.interval, Duration.ofMinutes(1));
        this.roundTimeout = b.roundTimeout;
        this.stopTimeout = b.stopTimeout;
        this.failureLevel = b.failureLevel;
        this.enabled = b.enabled;
        this.phase = b.phase;
        // On a bounded-elastic thread: a round that blocks briefly before its first asynchronous step must not hold
        // one of the few parallel (non-blocking) threads the timers run on.
        this.timers = b.scheduler != null ? b.scheduler : Schedulers.parallel();
        this.rounds = b.scheduler != null ? b.scheduler : Schedulers.boundedElastic();
    }

    /** Starts describing a poller; {@code name} appears in its log lines. */
    public static Builder named(String name) {
        return new Builder(name);
    }

    /** Runs the next round as soon as the current one (if any) ends, instead of after the delay. Any thread. */
    public void wakeUp() {
        wakeUpPending.set(true);
        endPause();
    }

    @Override
    public synchronized void start() {
        if (!enabled || loop != null) {
            return;
        }
        stopping = false;
        failuresInARow = 0;
        CountDownLatch done = new CountDownLatch(1);
        finished = done;
        Mono<Void> cycle = Mono.defer(() -> stopping ? Mono.<Void>empty() : runRound().flatMap(this::pauseFor));
        loop = pauseFor(initialDelay)
                .then(cycle.repeat(() -> !stopping).then())
                .doFinally(signal -> done.countDown())
                .subscribe(null, e -> log.error("{} stopped unexpectedly: {}", name, e.toString()));
    }

    /** Waits up to the stop timeout for a running round to finish, then cancels whatever still runs. */
    @Override
    public void stop() {
        Disposable running;
        CountDownLatch done;
        synchronized (this) {
            running = loop;
            done = finished;
            if (running == null) {
                return;
            }
            stopping = true;
        }
        endPause();
        try {
            if (!done.await(stopTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("{}: the running round did not finish within {}, cancelling it", name, stopTimeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running.dispose();
        synchronized (this) {
            loop = null;
        }
    }

    @Override
    public boolean isRunning() {
        return loop != null;
    }

    @Override
    public int getPhase() {
        return phase;
    }

    /** One round; emits how long to pause before the next (the interval, or the back-off after a failure). */
    private Mono<Duration> runRound() {
        wakeUpPending.set(false); // a wake-up from here on asks for another round after this one
        Mono<?> work = Mono.defer(round).subscribeOn(rounds);
        if (roundTimeout != null) {
            work = work.timeout(roundTimeout, timers);
        }
        return work.then(Mono.fromSupplier(() -> {
                    failuresInARow = 0;
                    return interval;
                }))
                .onErrorResume(e -> {
                    failuresInARow++;
                    Duration backoff = backoff(failuresInARow);
                    log.atLevel(failureLevel).log("{} failed ({} in a row), next try in {}: {}", name, failuresInARow,
                            backoff, e.toString());
                    return Mono.just(backoff);
                });
    }

    /** The pause after the {@code failures}-th failure in a row: doubling from the first back-off, capped. */
    Duration backoff(int failures) {
        Duration wait = firstBackoff;
        for (int i = 1; i < failures && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }

    /** Completes after {@code delay}, or at once on a wake-up or a stop (either may come before it begins). */
    private Mono<Void> pauseFor(Duration delay) {
        return Mono.create(sink -> {
            pause.set(sink);
            if (stopping || wakeUpPending.get()) {
                sink.success();
                return;
            }
            Disposable timer = timers.schedule(sink::success, delay.toNanos(), TimeUnit.NANOSECONDS);
            sink.onDispose(() -> {
                timer.dispose();
                pause.compareAndSet(sink, null);
            });
        });
    }

    private void endPause() {
        MonoSink<Void> waiting = pause.get();
        if (waiting != null) {
            waiting.success(); // a second success on the same sink is ignored
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** What a poller does and how often; {@link #every} is required. */
    public static final class Builder {
        private final String name;
        private Duration interval;
        private Duration initialDelay = Duration.ZERO;
        private Duration firstBackoff;
        private Duration maxBackoff;
        private Duration roundTimeout;
        private Duration stopTimeout = Duration.ofSeconds(10);
        private Level failureLevel = Level.WARN;
        private boolean enabled = true;
        private int phase = SmartLifecycle.DEFAULT_PHASE;
        private Scheduler scheduler;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name);
        }

        /** The pause between the end of a successful round and the start of the next. */
        public Builder every(Duration interval) {
            this.interval = positive(interval, "interval");
            return this;
        }

        /** The pause before the first round (default none). */
        public Builder initialDelay(Duration initialDelay) {
            this.initialDelay = Objects.requireNonNull(initialDelay);
            return this;
        }

        /**
         * The pause after a failure, doubled for each further failure in a row up to {@code max} (default: the
         * interval, up to the larger of the interval and a minute).
         */
        public Builder backoff(Duration first, Duration max) {
            this.firstBackoff = positive(first, "first back-off");
            this.maxBackoff = positive(max, "max back-off");
            return this;
        }

        /** A round running longer than this fails (and is cancelled); default: no bound. */
        public Builder roundTimeout(Duration roundTimeout) {
            this.roundTimeout = positive(roundTimeout, "round timeout");
            return this;
        }

        /** How long {@link Poller#stop()} waits for a running round (default 10 s). */
        public Builder stopTimeout(Duration stopTimeout) {
            this.stopTimeout = Objects.requireNonNull(stopTimeout);
            return this;
        }

        /**
         * Tests: one scheduler for the timers and the rounds (a {@code VirtualTimeScheduler} of the test's own, so no
         * other code's timers in the same JVM can run its rounds, as the global virtual-time factory would let them).
         */
        Builder runsOn(Scheduler scheduler) {
            this.scheduler = scheduler;
            return this;
        }

        /** The log level of a failed round (default WARN; DEBUG for work whose failure matters to nobody). */
        public Builder failuresLoggedAt(Level level) {
            this.failureLevel = Objects.requireNonNull(level);
            return this;
        }

        /** A disabled poller never starts. */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /** Its {@link SmartLifecycle} phase (e.g. to stop before the resources its rounds use). */
        public Builder phase(int phase) {
            this.phase = phase;
            return this;
        }

        /** The poller that runs {@code round} (subscribed to afresh each time). */
        public Poller run(Supplier<? extends Mono<?>> round) {
            if (interval == null) {
                throw new IllegalStateException("poller " + name + " needs an interval (every)");
            }
            return new Poller(this, Objects.requireNonNull(round));
        }

        private static Duration positive(Duration d, String what) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive: " + d);
            }
            return d;
        }
    }
}
