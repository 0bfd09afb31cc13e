package io.ringline.media.livecall;

import java.time.Instant;

/** A connected EVO_GO call: what {@code /play} and realtime sessions will need to reach its audio. */
public record LiveCall(String callId, String numberId, String tenantId, String provider, String externalCallId,
        String peerNumber, Instant connectedAt) {
}
