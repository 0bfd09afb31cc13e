package io.ringline.signaling.call;

/** The call's provider table does not allow this trigger in the call's current status. */
public class IllegalTransitionException extends RuntimeException {

    private final CallStatus current;
    private final Trigger trigger;

    public IllegalTransitionException(CallStatus current, Trigger trigger) {
        super("Call is " + current + "; " + trigger.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                + " is not allowed in status " + current, null, false, false);
        this.current = current;
        this.trigger = trigger;
    }

    public CallStatus current() {
        return current;
    }

    public Trigger trigger() {
        return trigger;
    }
}
