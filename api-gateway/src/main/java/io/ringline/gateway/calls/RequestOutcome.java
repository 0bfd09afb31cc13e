package io.ringline.gateway.calls;

import java.util.Map;

/** How a command ended, as far as the HTTP request that issued it is concerned. */
public sealed interface RequestOutcome {

    /** The provider accepted; the call as it is now. */
    record Succeeded(String callId, String externalCallId, String status) implements RequestOutcome {
    }

    /** The signaling service refused or the provider failed: the HTTP error to answer, verbatim. */
    record Failed(int httpStatus, String code, String message, Map<String, Object> details) implements RequestOutcome {
    }

    /** No reply within {@code ringline.gateway.command-timeout}. */
    record TimedOut() implements RequestOutcome {
    }
}
