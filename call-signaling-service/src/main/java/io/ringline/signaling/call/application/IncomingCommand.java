package io.ringline.signaling.call.application;

import io.ringline.signaling.number.NumberAccount;

/**
 * A tenant's command as the gateway sent it.
 *
 * @param callId Ringline's id of the call (for {@link CallAction.Place}, the id the new call gets)
 */
public record IncomingCommand(String commandId, NumberAccount number, String callId, CallAction action) {
}
