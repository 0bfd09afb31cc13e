package io.ringline.gateway.calls.messaging;

import io.ringline.gateway.calls.TenantCallAction;
import io.ringline.gateway.calls.CommandRequest;
import io.ringline.schemas.avro.AcceptCall;
import io.ringline.schemas.avro.CallCommand;
import io.ringline.schemas.avro.PlaceCall;
import io.ringline.schemas.avro.PreAcceptCall;
import io.ringline.schemas.avro.RejectCall;
import io.ringline.schemas.avro.TerminateCall;
import java.time.Instant;

/** Gateway command → Avro {@code CallCommand} (the only direction commands travel). */
final class CallCommandMapper {

    private CallCommandMapper() {
    }

    static CallCommand toAvro(CommandRequest command, Instant issuedAt) {
        Object action = switch (command.action()) {
            case TenantCallAction.Place place -> PlaceCall.newBuilder()
                    .setTo(place.to())
                    .setSdp(place.sdp())
                    .setBizOpaqueCallbackData(place.bizOpaqueCallbackData())
                    .build();
            case TenantCallAction.PreAccept preAccept -> PreAcceptCall.newBuilder().setSdp(preAccept.sdp()).build();
            case TenantCallAction.Accept accept -> AcceptCall.newBuilder().setSdp(accept.sdp()).build();
            case TenantCallAction.Reject reject -> RejectCall.newBuilder().build();
            case TenantCallAction.Terminate terminate -> TerminateCall.newBuilder().build();
        };
        return CallCommand.newBuilder()
                .setCommandId(command.commandId())
                .setIssuedAt(issuedAt)
                // the number by id and revision only: its context and credentials travel once, on the numbers topic
                .setNumberId(command.number().id())
                .setTenantId(command.number().tenantId())
                .setNumberVersion(command.number().version())
                .setCallId(command.callId())
                .setAction(action)
                .build();
    }
}
