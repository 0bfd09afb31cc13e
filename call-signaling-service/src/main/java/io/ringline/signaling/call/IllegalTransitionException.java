package io.ringline.signaling.call;

import java.util.Locale;

/** The call's provider table does not allow this trigger in the call's current status. */
public class IllegalTransitionException extends RuntimeException {

    private final CallStatus current;
    private final Trigger trigger;

    public IllegalTransitionException(CallStatus current, Trigger trigger) {
        super("Cannot " + trigger.name().toLowerCase(Locale.ROOT).replace('_', '-') + " a call in status " + current,
                null, false, false);
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
