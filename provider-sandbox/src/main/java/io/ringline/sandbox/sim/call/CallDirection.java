package io.ringline.sandbox.sim.call;

/** Direction seen from the business: INBOUND is user-initiated, OUTBOUND business-initiated. */
public enum CallDirection {
    INBOUND,
    OUTBOUND
}
