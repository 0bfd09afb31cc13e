package io.ringline.platform.internalapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Media bridge → gateway, the answer to {@code play} and {@code play-upload}: the play queued on the call.
 *
 * @param contentType the content type sent to GO
 * @param started     GO has it now; else it waits at {@code position} (1 = next) behind the one playing
 *
 * <p>Boxed, so a reader tolerates an answer that leaves a field out (the gateway needs only {@code playId}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PlayResponse(Boolean queued, String callId, Integer bytes, String contentType, String playId,
        Boolean started, Integer position) {
}
