package io.ringline.gateway.tenancy;

/** The kinds of WhatsApp number Ringline can call through (SPEC §1). */
public enum ProviderKind {
    META("Meta Cloud API"),
    EVO_GO("Evolution GO");

    private final String label;

    ProviderKind(String label) {
        this.label = label;
    }

    /** How error messages name the provider ("… on Evolution GO numbers"). */
    public String label() {
        return label;
    }
}
