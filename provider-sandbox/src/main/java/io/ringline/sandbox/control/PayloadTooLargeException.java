package io.ringline.sandbox.control;

/** A control API request body over its limit (413). */
class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(String message) {
        super(message);
    }
}
