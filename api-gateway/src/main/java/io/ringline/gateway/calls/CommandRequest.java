package io.ringline.gateway.calls;

import io.ringline.gateway.tenancy.BusinessNumber;
import io.ringline.platform.ids.Ids;

/**
 * One command as the gateway issues it.
 *
 * @param callId for {@link TenantCallAction.Place} the new call's Ringline id; otherwise the reference the tenant gave
 *               (Ringline's id or the provider's), resolved by the signaling service
 */
public record CommandRequest(String commandId, String callId, BusinessNumber number, TenantCallAction action) {

    public static CommandRequest of(String callId, BusinessNumber number, TenantCallAction action) {
        return new CommandRequest(Ids.newId("cmd"), callId, number, action);
    }
}
