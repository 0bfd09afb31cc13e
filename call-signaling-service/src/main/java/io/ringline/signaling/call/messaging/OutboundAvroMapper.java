package io.ringline.signaling.call.messaging;

import io.ringline.platform.ids.Ids;
import io.ringline.schemas.avro.CallEventType;
import io.ringline.schemas.avro.CallSnapshot;
import io.ringline.schemas.avro.CommandError;
import io.ringline.schemas.avro.CommandReply;
import io.ringline.signaling.call.CallEvent;
import io.ringline.signaling.call.CallEvent.CallConnected;
import io.ringline.signaling.call.CallEvent.CallEnded;
import io.ringline.signaling.call.CallEvent.CallMissed;
import io.ringline.signaling.call.CallEvent.CallRinging;
import io.ringline.signaling.call.CallEvent.PlayFinished;
import io.ringline.signaling.call.NumberEvent;
import io.ringline.signaling.call.NumberEvent.CallsReported;
import io.ringline.signaling.call.NumberEvent.PermissionUpdated;
import io.ringline.signaling.call.application.CommandOutcome;
import io.ringline.signaling.call.application.CommandOutcome.Failed;
import io.ringline.signaling.call.application.CommandOutcome.Succeeded;
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
                    case PlayFinished play -> CallEventType.CALL_PLAY_FINISHED;
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
                .setBilling(call.billing().map(b -> new io.ringline.schemas.avro.Billing(b.pulses(), b.billableSeconds())).orElse(null))
                .setPermissionStatus(null)
                .setRawJson(null)
                .setPermissionExpiresAt(null)
                .setPlayId(event instanceof PlayFinished play ? play.playId() : null)
                .setPlayOutcome(event instanceof PlayFinished play ? play.outcome() : null)
                .build();
    }

    /** Number-level events carry the number's own sequence; unknown call fields are UNKNOWN. */
    io.ringline.schemas.avro.CallEvent event(NumberEvent event) {
        var builder = io.ringline.schemas.avro.CallEvent.newBuilder()
                .setEventId(Ids.newId("evt"))
                .setOccurredAt(event.occurredAt())
                .setSequence(event.sequence())
                .setTenantId(event.number().tenantId())
                .setNumberId(event.number().numberId())
                .setProvider(io.ringline.schemas.avro.Provider.valueOf(event.number().provider().name()))
                .setEndReason(null)
                .setDurationSeconds(null)
                .setBizOpaqueCallbackData(null)
                .setBilling(null);
        return switch (event) {
            case CallsReported raw -> {
                io.ringline.signaling.call.CallSnapshot call = raw.call();
                yield builder.setType(CallEventType.CALLS_RAW)
                        .setCallId(call == null ? null : call.id())
                        .setExternalCallId(call == null ? raw.externalCallId() : call.externalCallId())
                        .setDirection(call != null ? direction(call.direction()) : direction(raw.direction()))
                        .setStatus(call == null ? io.ringline.schemas.avro.CallStatus.UNKNOWN : status(call.status()))
                        .setEndReason(call == null || call.endReason() == null ? null : call.endReason().name())
                        .setPeerNumber(call != null ? call.peerNumber() : raw.peerNumber() == null ? "" : raw.peerNumber())
                        .setBizOpaqueCallbackData(call == null ? null : call.bizOpaqueCallbackData())
                        .setPermissionStatus(null)
                        .setRawJson(raw.rawJson())
                        .build();
            }
            case PermissionUpdated permission -> builder.setType(CallEventType.CALL_PERMISSION_UPDATED)
                    .setCallId(null)
                    .setExternalCallId(null)
                    .setDirection(io.ringline.schemas.avro.Direction.UNKNOWN)
                    .setStatus(io.ringline.schemas.avro.CallStatus.UNKNOWN)
                    .setPeerNumber(permission.peerNumber())
                    .setPermissionStatus(permission.permissionStatus().wire())
                    .setPermissionExpiresAt(permission.expiresAt())
                    .setRawJson(null)
                    .build();
        };
    }

    private static io.ringline.schemas.avro.Direction direction(io.ringline.signaling.call.Direction direction) {
        return direction == null ? io.ringline.schemas.avro.Direction.UNKNOWN
                : io.ringline.schemas.avro.Direction.valueOf(direction.name());
    }

    CommandReply reply(AddressedCommand command, CommandOutcome outcome) {
        CommandReply.Builder reply = CommandReply.newBuilder()
                .setCommandId(command.commandId())
                .setCallId(command.callRef());
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
