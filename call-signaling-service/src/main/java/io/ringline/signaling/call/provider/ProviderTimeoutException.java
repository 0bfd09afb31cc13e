package io.ringline.signaling.call.provider;

import io.ringline.signaling.call.CommandError;
import io.ringline.signaling.number.Provider;

/**
 * The provider did not answer within {@code ringline.signaling.provider-timeout}. Deliberately not a
 * {@link java.util.concurrent.TimeoutException}: it is an outcome of the command, not a transient
 * failure for the Kafka consumer to retry.
 */
public class ProviderTimeoutException extends RuntimeException {

    private final Provider provider;

    public ProviderTimeoutException(Provider provider, String action) {
        super(provider + " " + action + " timed out", null, false, false);
        this.provider = provider;
    }

    public CommandError error() {
        return CommandError.providerTimeout(ProviderFailures.displayName(provider));
    }

    /** The answer when the timed-out request acted on an existing call, which is ended for it. */
    public CommandError callEndedError() {
        return CommandError.providerTimeoutCallEnded(ProviderFailures.displayName(provider));
    }
}
