package io.ringline.platform.internalapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Gateway → media bridge, {@code POST /internal/numbers/{numberId}/calls/{callId}/play}: a file to play. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PlayRequest(String mediaUrl, String externalCallId, NumberContextBody number) {
}
