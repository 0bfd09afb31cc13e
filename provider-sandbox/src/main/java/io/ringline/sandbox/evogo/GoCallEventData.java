package io.ringline.sandbox.evogo;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code data} of the GO call events, with GO's Pascal-case keys. JIDs are {@code <digits>@s.whatsapp.net};
 * {@code Reason} and {@code DurationSeconds} appear on CallTerminate only.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record GoCallEventData(
        @JsonProperty("CallID") String callId,
        @JsonProperty("CallCreator") String callCreator,
        @JsonProperty("From") String from,
        @JsonProperty("Timestamp") String timestamp,
        @JsonProperty("Reason") String reason,
        @JsonProperty("DurationSeconds") Long durationSeconds) {
}
