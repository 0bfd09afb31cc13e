package io.ringline.sandbox.evogo;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Call state in Evolution GO's vocabulary. */
public enum GoCallState {
    @JsonProperty("ringing") RINGING,
    @JsonProperty("active") ACTIVE,
    @JsonProperty("ended") ENDED
}
