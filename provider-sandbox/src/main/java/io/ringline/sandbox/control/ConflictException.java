package io.ringline.sandbox.control;

/** A control API request that conflicts with the simulation's state (409). */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
