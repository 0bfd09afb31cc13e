package io.ringline.signaling.call.messaging;

import io.ringline.platform.ids.Ids;
import io.ringline.schemas.avro.Billing;
import io.ringline.schemas.avro.CallEventType;
import io.ringline.schemas.avro.CallSnapshot;
import io.ringline.schemas.avro.CommandError;
import io.ringline.schemas.avro.CommandReply;
import io.ringline.signaling.call.CallEvent;
import io.ringline.signaling.call.CallEvent.CallConnected;
import io.ringline.signaling.call.CallEvent.CallEnded;
import io.ringline.signaling.call.CallEvent.CallMissed;
import io.ringline.signaling.call.CallEvent.CallRinging;
import io.ringline.signaling.call.application.CommandOutcome;
import io.ringline.signaling.call.application.CommandOutcome.Failed;
import io.ringline.signaling.call.application.CommandOutcome.Succeeded;
import io.ringline.signaling.call.application.IncomingCommand;
import org.springframework.stereotype.Component;

/** This service's types → Avro, for everything it produces (call events, command replies). */
@Component
class OutboundAvroMapper {

    io.ringline.schemas.avro.CallEvent event(CallEvent event) {
        io.ringline.signaling.call.CallSnapshot call = event.call();
        return io.ringline.schemas.avro.CallEvent.newBuilder()
                .setEventId(Ids.newId("evt"))
                .setType(switch (event) {
                    case CallRinging ringing -> CallEventType.CALL_RINGING;
                    case CallConnected connected -> CallEventType.CALL_CONNECTED;
                    case CallEnded ended -> CallEventType.CALL_ENDED;
                    case CallMissed missed -> CallEventType.CALL_MISSED;
                })
                .setOccurredAt(event.occurredAt())
                .setSequence(event.sequence())
                .setTenantId(call.number().tenantId())
                .setNumberId(call.number().numberId())
                .setProvider(io.ringline.schemas.avro.Provider.valueOf(call.number().provider().name()))
                .setCallId(call.id())
                .setExternalCallId(call.externalCallId())
                .setDirection(io.ringline.schemas.avro.Direction.valueOf(call.direction().name()))
                .setStatus(status(call.status()))
                .setEndReason(call.endReason() == null ? null : call.endReason().name())
                .setPeerNumber(call.peerNumber())
                .setDurationSeconds(call.durationSeconds())
                .setBizOpaqueCallbackData(call.bizOpaqueCallbackData())
                .setBilling(call.billing().map(b -> new Billing(b.pulses(), b.billableSeconds())).orElse(null))
                .setPermissionStatus(null)
                .setRawJson(null)
                .build();
    }

    CommandReply reply(IncomingCommand command, CommandOutcome outcome) {
        CommandReply.Builder reply = CommandReply.newBuilder()
                .setCommandId(command.commandId())
                .setCallId(command.callId());
        return switch (outcome) {
            case Succeeded succeeded -> reply
                    .setCall(new CallSnapshot(succeeded.call().id(), succeeded.call().externalCallId(),
                            status(succeeded.call().status())))
                    .setError(null)
                    .build();
            case Failed failed -> reply
                    .setCall(null)
                    .setError(new CommandError(failed.error().httpStatus(), failed.error().code(),
                            failed.error().message(), failed.error().detailsJson()))
                    .build();
        };
    }

    private static io.ringline.schemas.avro.CallStatus status(io.ringline.signaling.call.CallStatus status) {
        return io.ringline.schemas.avro.CallStatus.valueOf(status.name());
    }
}
