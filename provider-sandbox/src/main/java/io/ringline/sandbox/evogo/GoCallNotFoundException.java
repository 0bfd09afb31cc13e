package io.ringline.sandbox.evogo;

/** No call with this id on this instance. */
public class GoCallNotFoundException extends RuntimeException {

    public GoCallNotFoundException(String callId) {
        super("call " + callId + " not found");
    }
}
