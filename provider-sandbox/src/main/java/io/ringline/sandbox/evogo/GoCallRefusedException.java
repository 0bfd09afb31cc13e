package io.ringline.sandbox.evogo;

/** The GO instance refuses an action on a call: wrong kind of call, or wrong state. */
public class GoCallRefusedException extends RuntimeException {

    /** Why: {@code WRONG_CALL} is a request that can never apply to this call, {@code WRONG_STATE} a conflict. */
    public enum Kind { WRONG_CALL, WRONG_STATE }

    private final Kind kind;

    GoCallRefusedException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
