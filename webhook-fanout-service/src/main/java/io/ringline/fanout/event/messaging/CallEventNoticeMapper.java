package io.ringline.fanout.event.messaging;

import io.ringline.fanout.event.CallEventNotice;
import io.ringline.fanout.subscription.EventName;
import io.ringline.platform.kafka.PoisonRecordException;
import io.ringline.platform.vocabulary.Billing;
import io.ringline.platform.vocabulary.CallPermissionStatus;
import io.ringline.schemas.avro.CallEvent;
import io.ringline.schemas.avro.CallEventType;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/** Avro {@link CallEvent} → {@link CallEventNotice}; the only place the fan-out reads the Avro type. */
@Component
class CallEventNoticeMapper {

    private final JsonMapper json;

    CallEventNoticeMapper(JsonMapper json) {
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
            case CALL_PLAY_FINISHED -> Optional.of(EventName.CALL_PLAY_FINISHED);
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
        CallEventNotice.Detail detail = switch (name.get()) {
            case CALL_PERMISSION_UPDATED -> permission(e);
            case CALLS -> new CallEventNotice.RawEnvelope(raw(e.getRawJson()));
            case CALL_PLAY_FINISHED -> play(e);
            default -> CallEventNotice.Detail.NONE;
        };
        Billing billing = e.getBilling() == null ? null : billing(e.getBilling());
        CallEventNotice.CallFacts call = new CallEventNotice.CallFacts(e.getCallId(), e.getExternalCallId(),
                direction(e.getDirection()), status(e.getStatus()), e.getEndReason(), e.getPeerNumber(),
                e.getDurationSeconds(), e.getBizOpaqueCallbackData(), billing);
        return Optional.of(new CallEventNotice(e.getEventId(), name.get(), e.getOccurredAt(), e.getSequence(),
                e.getTenantId(), e.getNumberId(), provider(e.getProvider()), call, detail));
    }

    /**
     * Meta's envelope, kept byte for byte (tenants doing their own signaling may verify or diff it); it must be one
     * complete JSON object, since it is embedded in the webhook body as it is.
     */
    private String raw(String rawJson) {
        if (rawJson == null) {
            throw new PoisonRecordException("CALLS_RAW event without rawJson");
        }
        try (JsonParser parser = json.createParser(rawJson)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new PoisonRecordException("CALLS_RAW rawJson is not a JSON object");
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw new PoisonRecordException("CALLS_RAW rawJson has content after its object");
            }
            return rawJson.strip();
        } catch (JacksonException ex) {
            throw new PoisonRecordException("CALLS_RAW rawJson is not valid JSON", ex);
        }
    }

    // Avro resolves a symbol added after this service was built to UNKNOWN (the enums' default); the event is still
    // one tenants subscribed to, so it goes out saying UNKNOWN. A missing value breaks the contract.
    static CallEventNotice.Provider provider(io.ringline.schemas.avro.Provider provider) {
        return switch (provider) {
            case META -> CallEventNotice.Provider.META;
            case EVO_GO -> CallEventNotice.Provider.EVO_GO;
            case UNKNOWN -> CallEventNotice.Provider.UNKNOWN;
            case null -> throw new PoisonRecordException("call event without provider");
        };
    }

    static CallEventNotice.Direction direction(io.ringline.schemas.avro.Direction direction) {
        return switch (direction) {
            case INBOUND -> CallEventNotice.Direction.INBOUND;
            case OUTBOUND -> CallEventNotice.Direction.OUTBOUND;
            case UNKNOWN -> CallEventNotice.Direction.UNKNOWN;
            case null -> throw new PoisonRecordException("call event without direction");
        };
    }

    static CallEventNotice.Status status(io.ringline.schemas.avro.CallStatus status) {
        return switch (status) {
            case INITIATED -> CallEventNotice.Status.INITIATED;
            case RINGING -> CallEventNotice.Status.RINGING;
            case ACCEPTED -> CallEventNotice.Status.ACCEPTED;
            case COMPLETED -> CallEventNotice.Status.COMPLETED;
            case REJECTED -> CallEventNotice.Status.REJECTED;
            case FAILED -> CallEventNotice.Status.FAILED;
            case MISSED -> CallEventNotice.Status.MISSED;
            case UNKNOWN -> CallEventNotice.Status.UNKNOWN;
            case null -> throw new PoisonRecordException("call event without status");
        };
    }

    private static Billing billing(io.ringline.schemas.avro.Billing billing) {
        try {
            return new Billing(billing.getPulses(), billing.getBillableSeconds());
        } catch (IllegalArgumentException ex) {
            throw new PoisonRecordException("call event with impossible billing: " + ex.getMessage(), ex);
        }
    }

    /**
     * Meta's own status values (records written before issue 11 spelt them in upper case). Another value is poison,
     * not passed on: Meta defines exactly three, and tenants are promised no other (docs/webhooks.md).
     */
    private static CallEventNotice.Permission permission(CallEvent e) {
        if (e.getPermissionStatus() == null || e.getPermissionStatus().isBlank()) {
            throw new PoisonRecordException("CALL_PERMISSION_UPDATED event without permissionStatus");
        }
        try {
            return new CallEventNotice.Permission(CallPermissionStatus.fromWire(e.getPermissionStatus()),
                    e.getPermissionExpiresAt());
        } catch (IllegalArgumentException ex) {
            throw new PoisonRecordException("CALL_PERMISSION_UPDATED event with " + ex.getMessage(), ex);
        }
    }

    private static CallEventNotice.Play play(CallEvent e) {
        require(e.getPlayId(), "playId");
        require(e.getPlayOutcome(), "playOutcome");
        return new CallEventNotice.Play(e.getPlayId(), e.getPlayOutcome());
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new PoisonRecordException("call event without " + field);
        }
    }
}
