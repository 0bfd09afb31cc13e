package io.ringline.signaling.number;

import java.util.List;

/**
 * The kinds of WhatsApp number Ringline can call through, each with its own transition table, and {@link #NONE}:
 * a number whose kind this service cannot call through (one added after it was built, which the contracts give as
 * {@code UNKNOWN}). A number always has one of these, never null.
 */
public enum Provider {
    META,
    EVO_GO,
    NONE;

    private static final List<Provider> CALLING = List.of(META, EVO_GO);

    /** The providers calls go through: the ones with adapters, tables and metrics. */
    public static List<Provider> calling() {
        return CALLING;
    }

    public boolean supportsCalling() {
        return this != NONE;
    }
}
