package io.ringline.signaling.call;

/** Who placed the call: the WhatsApp user (INBOUND, a UIC) or the business (OUTBOUND, a BIC). */
public enum Direction {
    INBOUND,
    OUTBOUND
}
