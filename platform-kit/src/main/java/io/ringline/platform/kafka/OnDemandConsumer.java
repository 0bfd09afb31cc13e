package io.ringline.platform.kafka;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * A consumer of an instance group that runs only while something on the instance needs it — the gateway's live
 * call-event streams, the media bridge's realtime sessions and plays — and for {@code idleStop} after the last holder
 * let go: an instance nobody needs it on would otherwise fetch, decode and drop every record of its topic (and the
 * broker serve them). Holders are counted here; what a holder waits for, and where a new run starts reading, is the
 * owner's ({@link #run} puts its step on the transitions thread, where starts and stops happen one at a time).
 *
 * <p>The owner calls {@link #start()} and {@link #stop()} from its own lifecycle: the transitions thread is created by
 * {@code start} and shut down by {@code stop}, because Spring stops a cached test context's lifecycle beans when
 * another context runs and starts them again when it is reused (docs/decisions.md "Consumers that read only when
 * someone needs them").
 */
public final class OnDemandConsumer {

    private static final Logger log = LoggerFactory.getLogger(OnDemandConsumer.class);

    private final MessageListenerContainer container;
    private final Duration idleStop;
    private final String threadName;
    private final AtomicInteger held = new AtomicInteger();
    /** Bumped each time the last holder lets go: a scheduled stop goes ahead only if nothing came and went since. */
    private final AtomicLong idleSince = new AtomicLong();
    private volatile ScheduledExecutorService transitions;
    private volatile boolean running;

    /** {@code container}: never started by the context ({@code autoStartup} false); started and stopped here. */
    public OnDemandConsumer(MessageListenerContainer container, Duration idleStop, String threadName) {
        this.container = container;
        this.idleStop = idleStop;
        this.threadName = threadName;
    }

    /** Counts one more holder; returns how many held before it (0: the first after none). */
    public int acquire() {
        return held.getAndIncrement();
    }

    /** One holder lets go; the last one schedules the stop, which goes ahead only if none came since. */
    public void release() {
        if (held.decrementAndGet() != 0) {
            return;
        }
        long idle = idleSince.incrementAndGet();
        ScheduledExecutorService executor = transitions;
        if (executor == null) {
            return; // never started: nothing reads
        }
        try {
            executor.schedule(() -> {
                if (held.get() == 0 && idleSince.get() == idle && container.isRunning()) {
                    log.info("{}: nothing on this instance has needed it for {}; not reading", threadName, idleStop);
                    container.stop();
                }
            }, idleStop.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // shutting down: stop() stops the consumer
        }
    }

    /** Holders now. */
    public int held() {
        return held.get();
    }

    /**
     * Runs a step on the transitions thread (after any start or stop already asked for); false when the owner is
     * stopped or stopping, and the step will not run.
     */
    public boolean run(Runnable step) {
        ScheduledExecutorService executor = transitions;
        if (executor == null || !running) {
            return false;
        }
        try {
            executor.execute(() -> {
                if (running) {
                    step.run();
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Starts the container unless it runs (to be called from a {@link #run} step). */
    public boolean startReading() {
        if (container.isRunning()) {
            return false;
        }
        container.start();
        return true;
    }

    /** Whether the consumer reads now. */
    public boolean reading() {
        return container.isRunning();
    }

    /** From the owner's {@code start()}: steps may run from now on. */
    public void start() {
        transitions = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name(threadName)
                .factory());
        running = true;
    }

    /** From the owner's {@code stop()}: a start or stop under way finishes first, then the consumer stops. */
    public void stop() {
        running = false;
        ScheduledExecutorService stopping = transitions;
        if (stopping != null) {
            stopping.shutdownNow();
            try {
                stopping.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        container.stop();
    }

    /** Whether the owner is started. */
    public boolean running() {
        return running;
    }
}
