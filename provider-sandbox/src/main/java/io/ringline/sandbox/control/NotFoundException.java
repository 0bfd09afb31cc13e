package io.ringline.sandbox.control;

/** A control API resource that does not exist (404). */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
