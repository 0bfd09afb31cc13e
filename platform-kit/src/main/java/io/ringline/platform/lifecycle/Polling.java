package io.ringline.platform.lifecycle;

import org.springframework.context.SmartLifecycle;

/** A component whose lifecycle is its {@link Poller}'s: it starts, stops and takes its phase from it. */
public interface Polling extends SmartLifecycle {

    /** The poller that runs this component's rounds. */
    Poller poller();

    @Override
    default void start() {
        poller().start();
    }

    @Override
    default void stop() {
        poller().stop();
    }

    @Override
    default boolean isRunning() {
        return poller().isRunning();
    }

    @Override
    default int getPhase() {
        return poller().getPhase();
    }
}
