package io.ringline.fanout.event;

import io.ringline.fanout.subscription.EventName;
import io.ringline.platform.vocabulary.Billing;
import io.ringline.platform.vocabulary.CallPermissionStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * One call event as the fan-out understands it (the Avro record stays at the messaging edge): who it is for, what
 * it says of the call, and the one detail its kind of event carries.
 */
public record CallEventNotice(String eventId, EventName event, Instant occurredAt, long sequence, String tenantId,
        String numberId, Provider provider, CallFacts call, Detail detail) {

    /**
     * The number's kind. {@code UNKNOWN} is what the call-events contract gives for a kind added after this service
     * was built (Avro's enum default): the event is still delivered, saying so, rather than dead-lettered.
     */
    public enum Provider { META, EVO_GO, UNKNOWN }

    /** {@code UNKNOWN} on number-level events (no call) and, as for {@link Provider}, for a direction added later. */
    public enum Direction { INBOUND, OUTBOUND, UNKNOWN }

    /** The call's status after the event; {@code UNKNOWN} as for {@link Direction}. */
    public enum Status { INITIATED, RINGING, ACCEPTED, COMPLETED, REJECTED, FAILED, MISSED, UNKNOWN }

    /**
     * What the event says of its call (on number-level events: of the call it names, if any).
     *
     * @param durationSeconds on the end of an answered call
     * @param billing         on the end of an answered Meta business-initiated call
     */
    public record CallFacts(String callId, String externalCallId, Direction direction, Status status, String endReason,
            String peerNumber, Integer durationSeconds, String bizOpaqueCallbackData, Billing billing) {

        public CallFacts {
            Objects.requireNonNull(direction, "direction");
            Objects.requireNonNull(status, "status");
        }
    }

    /** The one thing only some kinds of event carry; which kind carries which is fixed ({@link #expectedFor}). */
    public sealed interface Detail {

        /** The events that carry nothing beyond the call's facts. */
        Detail NONE = new None();

        /** The detail class an event must carry. */
        static Class<? extends Detail> expectedFor(EventName event) {
            return switch (event) {
                case CALL_PERMISSION_UPDATED -> Permission.class;
                case CALLS -> RawEnvelope.class;
                case CALL_PLAY_FINISHED -> Play.class;
                default -> None.class;
            };
        }
    }

    record None() implements Detail {
    }

    /** {@code call.permission_updated}: the user's answer; {@code expiresAt} null unless the permission is temporary. */
    public record Permission(CallPermissionStatus status, Instant expiresAt) implements Detail {

        public Permission {
            Objects.requireNonNull(status, "status");
        }
    }

    /** {@code calls}: Meta's webhook envelope {@code {object, entry}} exactly as received (checked to be one JSON object). */
    public record RawEnvelope(String json) implements Detail {

        public RawEnvelope {
            Objects.requireNonNull(json, "json");
        }
    }

    /** {@code call.play_finished}: the play and how it ended ({@code finished}, {@code stopped} or {@code failed}). */
    public record Play(String playId, String outcome) implements Detail {

        public Play {
            Objects.requireNonNull(playId, "playId");
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    public CallEventNotice {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(numberId, "numberId");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(detail, "detail");
        if (!Detail.expectedFor(event).isInstance(detail)) {
            throw new IllegalArgumentException(event.wire() + " carries " + Detail.expectedFor(event).getSimpleName()
                    + ", not " + detail.getClass().getSimpleName());
        }
    }
}
