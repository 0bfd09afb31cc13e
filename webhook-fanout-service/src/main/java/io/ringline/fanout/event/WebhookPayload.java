package io.ringline.fanout.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.ringline.fanout.subscription.EventName;
import io.ringline.platform.vocabulary.Billing;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body tenants receive (SPEC §4): flat, no {@code data} wrapper. Built once per event and stored
 * with each delivery, so every retry and every subscription gets byte-identical JSON. Optional members
 * are left out rather than sent as null; the core fields are always present.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"id", "event", "createdAt", "callId", "externalCallId", "provider", "numberId", "direction",
        "status", "endReason", "peerNumber", "duration", "bizOpaqueCallbackData", "billing", "permission", "playId",
        "outcome", "raw", "sequence"})
record WebhookPayload(
        String id,
        String event,
        String createdAt,
        String callId,
        String externalCallId,
        CallEventNotice.Provider provider,
        String numberId,
        CallEventNotice.Direction direction,
        CallEventNotice.Status status,
        String endReason,
        String peerNumber,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer duration,
        @JsonInclude(JsonInclude.Include.NON_NULL) String bizOpaqueCallbackData,
        @JsonInclude(JsonInclude.Include.NON_NULL) Billing billing,
        @JsonInclude(JsonInclude.Include.NON_NULL) Permission permission,
        @JsonInclude(JsonInclude.Include.NON_NULL) String playId,
        @JsonInclude(JsonInclude.Include.NON_NULL) String outcome,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonRawValue String raw,
        long sequence) {

    /** {@code call.permission_updated}: {@code {status, expirationTime?}} (status as GET /v1/calls/permissions). */
    @JsonPropertyOrder({"status", "expirationTime"})
    public record Permission(String status, @JsonInclude(JsonInclude.Include.NON_NULL) String expirationTime) {
    }

    public static WebhookPayload of(CallEventNotice n) {
        CallEventNotice.CallFacts call = n.call();
        return new WebhookPayload(
                n.eventId(),
                n.event().wire(),
                n.occurredAt().toString(),
                call.callId(),
                call.externalCallId(),
                n.provider(),
                n.numberId(),
                call.direction(),
                call.status(),
                call.endReason(),
                call.peerNumber(),
                n.event() == EventName.CALL_ENDED ? call.durationSeconds() : null,
                call.bizOpaqueCallbackData(),
                call.billing(),
                n.detail() instanceof CallEventNotice.Permission p
                        ? new Permission(p.status().wire(), p.expiresAt() == null ? null : p.expiresAt().toString())
                        : null,
                n.detail() instanceof CallEventNotice.Play play ? play.playId() : null,
                n.detail() instanceof CallEventNotice.Play play ? play.outcome() : null,
                // Meta's envelope as received, checked to be one JSON object (see CallEventNoticeMapper)
                n.detail() instanceof CallEventNotice.RawEnvelope raw ? raw.json() : null,
                n.sequence());
    }

    public String toJson(JsonMapper json) {
        return json.writeValueAsString(this);
    }
}
