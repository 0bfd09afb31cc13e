package io.ringline.fanout.event.messaging;

import io.ringline.fanout.event.CallEventNotice;
import io.ringline.fanout.subscription.EventName;
import io.ringline.platform.kafka.PoisonRecordException;
import io.ringline.schemas.avro.CallEvent;
import io.ringline.schemas.avro.CallEventType;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Avro {@link CallEvent} → {@link CallEventNotice}; the only place the fan-out reads the Avro type. */
@Component
class CallEventMapper {

    private final JsonMapper json;

    CallEventMapper(JsonMapper json) {
        this.json = json;
    }

    /** The webhook event an Avro event type becomes; empty for types this version does not know. */
    static Optional<EventName> eventName(CallEventType type) {
        return switch (type) {
            case CALL_RINGING -> Optional.of(EventName.CALL_RINGING);
            case CALL_CONNECTED -> Optional.of(EventName.CALL_CONNECTED);
            case CALL_ENDED -> Optional.of(EventName.CALL_ENDED);
            case CALL_MISSED -> Optional.of(EventName.CALL_MISSED);
            case CALL_PERMISSION_UPDATED -> Optional.of(EventName.CALL_PERMISSION_UPDATED);
            case CALLS_RAW -> Optional.of(EventName.CALLS);
            case UNKNOWN -> Optional.empty();
        };
    }

    /**
     * @return empty for an event type added after this service was built (nobody can have subscribed to it)
     * @throws PoisonRecordException when the record breaks the call-events contract
     */
    Optional<CallEventNotice> toNotice(CallEvent e) {
        Optional<EventName> name = eventName(e.getType());
        if (name.isEmpty()) {
            return Optional.empty();
        }
        require(e.getEventId(), "eventId");
        require(e.getTenantId(), "tenantId");
        require(e.getNumberId(), "numberId");
        String rawValue = name.get() == EventName.CALLS ? rawValue(e.getRawJson()) : null;
        CallEventNotice.Billing billing = e.getBilling() == null ? null
                : new CallEventNotice.Billing(e.getBilling().getPulses(), e.getBilling().getBillableSeconds());
        return Optional.of(new CallEventNotice(e.getEventId(), name.get(), e.getOccurredAt(), e.getSequence(),
                e.getTenantId(), e.getNumberId(), e.getProvider().name(), e.getCallId(), e.getExternalCallId(),
                e.getDirection().name(), e.getStatus().name(), e.getEndReason(), e.getPeerNumber(),
                e.getDurationSeconds(), e.getBizOpaqueCallbackData(), billing, e.getPermissionStatus(), rawValue));
    }

    /** Meta's value object, re-serialised compactly; anything but a JSON object is a broken record. */
    private String rawValue(String rawJson) {
        if (rawJson == null) {
            throw new PoisonRecordException("CALLS_RAW event without rawJson");
        }
        try {
            JsonNode value = json.readTree(rawJson);
            if (value == null || !value.isObject()) {
                throw new PoisonRecordException("CALLS_RAW rawJson is not a JSON object");
            }
            return json.writeValueAsString(value);
        } catch (JacksonException ex) {
            throw new PoisonRecordException("CALLS_RAW rawJson is not valid JSON", ex);
        }
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new PoisonRecordException("call event without " + field);
        }
    }
}
