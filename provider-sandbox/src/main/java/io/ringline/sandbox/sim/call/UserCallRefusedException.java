package io.ringline.sandbox.sim.call;

/** A simulated user's call could not be put through to the business number. */
public class UserCallRefusedException extends RuntimeException {

    public UserCallRefusedException(String message) {
        super(message);
    }
}
