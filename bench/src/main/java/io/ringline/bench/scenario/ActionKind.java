package io.ringline.bench.scenario;

/**
 * The actions the benchmark aims at existing calls, as a table: the API path, the webhook that makes a prepared call
 * ready for the action, and the webhook that shows the action took effect.
 */
public enum ActionKind {

    /** Ends answered outbound calls: ready once {@code call.connected}, done at {@code call.ended}. */
    TERMINATE("terminate", "call.connected", "call.ended"),
    /** Answers ringing inbound calls: ready at {@code call.ringing}, done at {@code call.connected}. */
    ACCEPT("accept", "call.ringing", "call.connected");

    private final String verb;
    private final String readyEvent;
    private final String doneEvent;

    ActionKind(String verb, String readyEvent, String doneEvent) {
        this.verb = verb;
        this.readyEvent = readyEvent;
        this.doneEvent = doneEvent;
    }

    /** The last segment of {@code POST /v1/calls/{id}/<verb>}, and the word the reports use. */
    public String verb() {
        return verb;
    }

    public String readyEvent() {
        return readyEvent;
    }

    public String doneEvent() {
        return doneEvent;
    }

    /** Whether a webhook of this event means the call is over (a missed inbound call never connected). */
    static boolean ends(String event) {
        return "call.ended".equals(event) || "call.missed".equals(event);
    }
}
