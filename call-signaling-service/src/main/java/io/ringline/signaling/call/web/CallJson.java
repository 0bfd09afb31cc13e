package io.ringline.signaling.call.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ringline.platform.vocabulary.Billing;
import io.ringline.signaling.call.CallSnapshot;
import java.time.Instant;

/** The public Call object (SPEC §3); {@code billing} only on answered META business-initiated calls. */
record CallJson(
        String id,
        String externalCallId,
        String provider,
        String direction,
        String status,
        String endReason,
        String peerNumber,
        Integer durationSeconds,
        String bizOpaqueCallbackData,
        Instant startedAt,
        Instant connectedAt,
        Instant endedAt,
        Instant createdAt,
        Instant updatedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Billing billing) {

    static CallJson of(CallSnapshot call) {
        return new CallJson(call.id(), call.externalCallId(), call.number().provider().name(), call.direction().name(),
                call.status().name(), call.endReason() == null ? null : call.endReason().name(), call.peerNumber(),
                call.durationSeconds(), call.bizOpaqueCallbackData(), call.startedAt(), call.connectedAt(),
                call.endedAt(), call.createdAt(), call.updatedAt(),
                call.billing().orElse(null));
    }
}
