package io.ringline.gateway.calls;

/** The calls API's operations that differ by provider (SPEC §3 table). */
public enum Capability {
    PLACE("placing calls"),
    PRE_ACCEPT("pre-accept"),
    ACCEPT("accept"),
    REJECT("reject"),
    TERMINATE("terminate"),
    PLAY("play"),
    REALTIME_SESSION("realtime sessions"),
    SETTINGS("calling settings"),
    PERMISSIONS("call permissions");

    private final String label;

    Capability(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
