package io.ringline.signaling.call;

/**
 * Why a command on a call failed, as its sender will report it over HTTP
 * ({@code {error, code, details}}). Shared by provider adapters, command handling and replies.
 *
 * @param detailsJson JSON object for the error body's {@code details}, or null
 */
public record CommandError(int httpStatus, String code, String message, String detailsJson) {

    public static CommandError callNotFound() {
        return new CommandError(404, "CALL_NOT_FOUND", "Call not found", null);
    }

    public static CommandError invalidState(IllegalTransitionException e) {
        return new CommandError(409, "INVALID_CALL_STATE", e.getMessage(), null);
    }

    public static CommandError providerTimeout(String provider) {
        return new CommandError(504, "PROVIDER_TIMEOUT", provider + " did not answer in time", null);
    }

    /**
     * An action on a call (accept, reject, terminate…) the provider did not confirm in time: it may have half-done
     * it, so the call is ended rather than left in doubt (SPEC §3 "nothing is left ringing"), and the answer says so.
     */
    public static CommandError providerTimeoutCallEnded(String provider) {
        return new CommandError(504, "PROVIDER_TIMEOUT", provider + " did not answer in time; the call was ended "
                + "(a call.ended webhook reports it)", "{\"callEnded\":true}");
    }

    /**
     * The provider could not be reached — refused connection, reset, TLS failure, a destination the address
     * guard refuses: all answer exactly this, so Ringline cannot be used to probe addresses or ports.
     */
    public static CommandError providerUnreachable(String provider) {
        return new CommandError(502, "PROVIDER_UNREACHABLE", provider + " could not be reached", null);
    }

    /** Too many requests to this number's provider are running or waiting; nothing was sent. */
    public static CommandError providerBusy(String provider, long retryAfterSeconds) {
        return new CommandError(503, "PROVIDER_BUSY", "Too many requests to " + provider
                + " are in progress for this number; retry later", "{\"retryAfterSeconds\":" + retryAfterSeconds + "}");
    }
}
