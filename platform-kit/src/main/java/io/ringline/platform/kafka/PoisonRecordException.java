package io.ringline.platform.kafka;

/**
 * A record that can never be processed (malformed, violates the contract). Thrown by handlers so the
 * batch processor parks the record on the dead-letter topic at once instead of retrying it.
 */
public class PoisonRecordException extends RuntimeException {
    public PoisonRecordException(String message) {
        super(message);
    }

    public PoisonRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
