package io.ringline.gateway.tenancy;

/** The kinds of WhatsApp number Ringline can call through (SPEC §1). */
public enum ProviderKind {
    META("Meta Cloud API"),
    EVO_GO("Evolution GO"),
    /**
     * A kind this version cannot call through: a row written by a newer version (or by hand during a
     * migration). Such numbers stay readable so they can be listed and deleted; calling refuses them.
     */
    UNKNOWN("unsupported provider");

    private final String label;

    ProviderKind(String label) {
        this.label = label;
    }

    /** A stored kind; anything this version does not know is {@link #UNKNOWN}, never an exception. */
    public static ProviderKind parse(String stored) {
        for (ProviderKind kind : values()) {
            if (kind != UNKNOWN && kind.name().equals(stored)) {
                return kind;
            }
        }
        return UNKNOWN;
    }

    /** The kinds a number can be registered with and called through (SPEC §1). */
    public boolean isCallable() {
        return this != UNKNOWN;
    }

    /** How error messages name the provider ("… on Evolution GO numbers"). */
    public String label() {
        return label;
    }
}
