package io.ringline.signaling.call.provider;

/** A provider signal that does not say what its kind promises; it will never be processable. */
public class MalformedSignalException extends RuntimeException {

    public MalformedSignalException(String message) {
        super(message);
    }

    public MalformedSignalException(String message, Throwable cause) {
        super(message, cause);
    }
}
