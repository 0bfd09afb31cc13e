package io.ringline.system.abuse.oracle;

/** How one answer was judged. The {@code OK_*} outcomes are acceptable; every other one fails the campaign. */
public enum Verdict {
    OK_DOCUMENTED_ERROR,
    OK_HARMLESS_READ,
    /** A WebSocket upgrade with a token nobody issued, closed with 1008 before any data. */
    OK_REALTIME_REFUSED,
    /** A request that breaks HTTP itself, refused by the HTTP server (documented status, no body) or dropped. */
    OK_TRANSPORT_REFUSAL,
    FAIL_5XX,
    FAIL_SUCCESS_ON_REFUSED_REQUEST,
    FAIL_UNDOCUMENTED_ANSWER,
    FAIL_NO_ANSWER,
    FAIL_REALTIME_SESSION_OPENED,
    FAIL_SECRET_IN_ANSWER;

    public boolean ok() {
        return name().startsWith("OK_");
    }
}
