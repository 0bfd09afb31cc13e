package io.ringline.signaling.call.provider;

import io.ringline.signaling.call.CommandError;

/**
 * Ringline did not send the request: the number already had as many provider requests running and waiting
 * as {@code ringline.signaling.provider-limits} allows. Answered {@code 503 PROVIDER_BUSY} with Retry-After.
 */
public class ProviderBusyException extends ProviderException {

    public ProviderBusyException(CommandError error) {
        super(error);
    }
}
