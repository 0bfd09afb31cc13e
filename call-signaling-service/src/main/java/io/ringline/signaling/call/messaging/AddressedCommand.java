package io.ringline.signaling.call.messaging;

import io.ringline.signaling.call.application.CallAction;
import io.ringline.signaling.call.application.IncomingCommand;
import io.ringline.signaling.number.NumberAccount;
import java.time.Instant;

/**
 * A command as it arrives: the number named by id and the revision the gateway acted on, not yet looked up.
 *
 * @param callRef for a placement the new call's id; otherwise Ringline's or the provider's id of the call
 */
record AddressedCommand(String commandId, String numberId, String tenantId, long numberVersion, String callRef,
        CallAction action, Instant issuedAt) {

    /** The command with its number as replicated here. */
    IncomingCommand with(NumberAccount number) {
        return new IncomingCommand(commandId, number, callRef, action, issuedAt);
    }
}
