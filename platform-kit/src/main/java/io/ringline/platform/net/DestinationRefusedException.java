package io.ringline.platform.net;

/** A destination the network guard refuses to connect to. The message names host and reason. */
public class DestinationRefusedException extends RuntimeException {
    public DestinationRefusedException(String message) {
        super(message, null, false, false);
    }
}
