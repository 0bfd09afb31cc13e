package io.ringline.signaling.call.messaging;

import io.ringline.platform.kafka.PoisonRecordException;
import io.ringline.schemas.avro.AcceptCall;
import io.ringline.schemas.avro.CallCommand;
import io.ringline.schemas.avro.NumberContext;
import io.ringline.schemas.avro.PlaceCall;
import io.ringline.schemas.avro.PreAcceptCall;
import io.ringline.schemas.avro.ProviderSignal;
import io.ringline.schemas.avro.RejectCall;
import io.ringline.schemas.avro.TerminateCall;
import io.ringline.signaling.call.application.CallAction;
import io.ringline.signaling.call.application.IncomingSignal;
import io.ringline.signaling.number.NumberAccount;
import io.ringline.signaling.number.Provider;
import org.springframework.stereotype.Component;

/** Avro → this service's types, for everything it consumes. Records breaking the contract are poison. */
@Component
class InboundAvroMapper {

    AddressedCommand command(CallCommand command) {
        require(command.getCommandId(), "commandId");
        require(command.getNumberId(), "numberId");
        require(command.getTenantId(), "tenantId");
        require(command.getCallId(), "callId");
        CallAction action = switch (command.getAction()) {
            case PlaceCall place -> new CallAction.Place(require(place.getTo(), "to"), place.getSdp(),
                    place.getBizOpaqueCallbackData());
            case PreAcceptCall preAccept -> new CallAction.PreAccept(preAccept.getSdp());
            case AcceptCall accept -> new CallAction.Accept(accept.getSdp());
            case RejectCall reject -> new CallAction.Reject();
            case TerminateCall terminate -> new CallAction.Terminate();
            case null, default -> throw new PoisonRecordException("unknown command action " + command.getAction());
        };
        return new AddressedCommand(command.getCommandId(), command.getNumberId(), command.getTenantId(),
                command.getNumberVersion(), command.getCallId(), action, command.getIssuedAt());
    }

    IncomingSignal signal(ProviderSignal signal) {
        return new IncomingSignal(require(signal.getSignalId(), "signalId"), number(signal.getNumber()),
                require(signal.getKind(), "kind"), require(signal.getPayloadJson(), "payloadJson"),
                signal.getReceivedAt());
    }

    NumberAccount number(NumberContext number) {
        Provider provider = switch (number.getProvider()) {
            case META -> Provider.META;
            case EVO_GO -> Provider.EVO_GO;
            case UNKNOWN -> Provider.NONE;
        };
        return new NumberAccount(require(number.getNumberId(), "number.numberId"), number.getTenantId(), provider,
                number.getPhone(), number.getBaseUrl(), number.getAccountId(), number.getEncryptedCredentials(),
                number.getVersion());
    }

    private static String require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new PoisonRecordException(field + " is missing");
        }
        return value;
    }
}
