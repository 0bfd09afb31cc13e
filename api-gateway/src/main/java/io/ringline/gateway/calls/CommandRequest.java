package io.ringline.gateway.calls;

import io.ringline.gateway.tenancy.BusinessNumber;
import io.ringline.platform.ids.Ids;

/**
 * One command as the gateway issues it.
 *
 * @param callId Ringline's call id: the new call's id for {@link CallAction.Place}, else the resolved id
 */
public record CommandRequest(String commandId, String callId, BusinessNumber number, CallAction action) {

    public static CommandRequest of(String callId, BusinessNumber number, CallAction action) {
        return new CommandRequest(Ids.newId("cmd"), callId, number, action);
    }
}
