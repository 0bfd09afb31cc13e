package io.ringline.sandbox.sim.call;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Provider-neutral life stage of a simulated call, used by the inspection API. */
public enum CallPhase {
    @JsonProperty("ringing") RINGING,
    @JsonProperty("active") ACTIVE,
    @JsonProperty("ended") ENDED
}
