package io.ringline.media.livecall;

import java.time.Instant;

/** What the media bridge reads from one call event (the Avro record stays at the messaging edge). */
public record CallUpdate(String eventId, Kind kind, String provider, String callId, String numberId, String tenantId,
        String externalCallId, String peerNumber, Instant occurredAt) {

    /** The call events that matter here; everything else is {@link #OTHER}. */
    public enum Kind {
        CONNECTED, ENDED, MISSED, OTHER
    }

    public static final String EVO_GO = "EVO_GO";
}
