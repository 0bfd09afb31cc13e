package io.ringline.sandbox.sim.call;

import java.time.Instant;

/** A call held by one of the simulated providers, as the provider-neutral control API sees it. */
public interface SimulatedCall {

    String externalCallId();

    /** The call as of {@code now} (an active call's duration grows). */
    SimulatedCallView snapshot(Instant now);

    /** True when the call ended before {@code cutoff}; such calls may be forgotten. */
    boolean endedBefore(Instant cutoff);
}
