package io.ringline.media.realtime.relay;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The one 20 ms clock of this instance's realtime sessions: every tick, each open session's {@link Playout} sends
 * what has become due. One thread for all sessions (rather than a timer each) keeps the cost per session to a few
 * comparisons per tick while nothing waits.
 */
@Component
class Pacer {

    static final long TICK_MILLIS = 20;
    private static final Logger log = LoggerFactory.getLogger(Pacer.class);

    private final Set<Runnable> sessions = ConcurrentHashMap.newKeySet();

    /** {@code clock}: the pacer's own thread ({@link RelayConfiguration}), shut down with the context. */
    Pacer(@Qualifier("realtimePacerClock") ScheduledExecutorService clock) {
        clock.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    void register(Runnable session) {
        sessions.add(session);
    }

    void unregister(Runnable session) {
        sessions.remove(session);
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
