package io.ringline.signaling.call.application;

import io.ringline.signaling.number.NumberAccount;
import java.time.Instant;

/**
 * A tenant's command as the gateway sent it.
 *
 * @param callId   Ringline's id of the call (for {@link CallAction.Place}, the id the new call gets)
 * @param issuedAt when the sender issued it (its clock): past {@link CommandDeadline} it is not started
 */
public record IncomingCommand(String commandId, NumberAccount number, String callId, CallAction action,
        Instant issuedAt) {
}
