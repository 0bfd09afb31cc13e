package io.ringline.media.realtime.relay;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one 20 ms clock of this instance's realtime sessions: every tick, each open session's {@link Playout} sends
 * what has become due. One thread for all sessions (rather than a timer each) keeps the cost per session to a few
 * comparisons per tick while nothing waits.
 *
 * <p>The clock runs only while a session is open: with none, its thread parks until {@link #register} wakes it, so
 * an idle bridge spends nothing on it (ticking regardless cost ≈ 5 ms of CPU a second at rest, docs/performance.md
 * "What the platform costs at rest"). Its own thread rather than a {@code ScheduledExecutorService}: sessions open
 * on Netty's event loops, and starting a scheduled task there would take the executor's queue lock, which can park
 * an event loop; {@link LockSupport#unpark} never waits. The thread is started by {@link RelayConfiguration}.
 */
class Pacer implements AutoCloseable {

    static final long TICK_MILLIS = 20;
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
    private static final Logger log = LoggerFactory.getLogger(Pacer.class);

    private final Set<Runnable> sessions = ConcurrentHashMap.newKeySet();
    /** The thread running {@link #run}; null until it starts (a session registered before then is seen by it). */
    private volatile Thread clock;
    private volatile boolean closed;

    void register(Runnable session) {
        sessions.add(session);
        LockSupport.unpark(clock); // never blocks; a permit given before the clock parks makes that park return
    }

    void unregister(Runnable session) {
        sessions.remove(session); // the clock finds the set empty after its next tick and parks
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(clock);
    }

    /** The clock: runs on the thread it is given until {@link #close}. */
    void run() {
        clock = Thread.currentThread();
        long next = 0;
        boolean idle = true;
        while (!closed) {
            if (sessions.isEmpty()) {
                idle = true;
                LockSupport.park(this);
                continue; // woken by a register, a close, or spuriously: look again
            }
            long now = System.nanoTime();
            if (idle) { // the first tick one period after the first session, as a fixed-rate timer would
                idle = false;
                next = now + TICK_NANOS;
            }
            if (next - now > 0) {
                LockSupport.parkNanos(this, next - now);
                continue;
            }
            tick();
            next += TICK_NANOS;
            if (next - now <= 0) { // held up past a whole period: missed ticks are not replayed, as each drain
                next = now + TICK_NANOS; // sends whatever has become due, so one late tick did their work
            }
        }
    }

    private void tick() {
        for (Runnable session : sessions) {
            try {
                session.run();
            } catch (RuntimeException e) { // one broken session must not stop the clock of the others
                log.warn("realtime pacing failed for a session: {}", e.toString());
            }
        }
    }
}
