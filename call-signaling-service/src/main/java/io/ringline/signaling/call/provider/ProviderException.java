package io.ringline.signaling.call.provider;

import io.ringline.signaling.call.CommandError;

/** The provider refused a request or could not be reached; carries the error to report for it. */
public class ProviderException extends RuntimeException {

    private final CommandError error;

    public ProviderException(CommandError error) {
        super(error.code() + ": " + error.message(), null, false, false);
        this.error = error;
    }

    public CommandError error() {
        return error;
    }
}
