package io.ringline.sandbox.sim.call;

import java.util.Locale;

/** The providers the sandbox simulates, named as Ringline names them. */
public enum SimulatedProvider {
    EVO_GO,
    META;

    /** Lower-case metric tag value. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
