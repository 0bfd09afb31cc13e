package io.ringline.media.livecall.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ringline.media.livecall.LiveCall;

/** One live call on the internal API. */
@JsonInclude(JsonInclude.Include.ALWAYS)
record LiveCallResponse(String callId, String numberId, String tenantId, String provider, String externalCallId,
        String peerNumber, String connectedAt) {

    static LiveCallResponse of(LiveCall c) {
        return new LiveCallResponse(c.callId(), c.numberId(), c.tenantId(), c.provider(), c.externalCallId(),
                c.peerNumber(), c.connectedAt().toString());
    }
}
