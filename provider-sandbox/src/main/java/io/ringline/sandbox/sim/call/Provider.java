package io.ringline.sandbox.sim.call;

/** The providers the sandbox simulates, named as Ringline names them. */
public enum Provider {
    EVO_GO,
    META;

    /** Lower-case metric tag value. */
    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
