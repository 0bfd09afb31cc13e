package io.ringline.sandbox.sim.user;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a simulated WhatsApp user does when a business calls it. */
public enum OnCall {
    @JsonProperty("answer") ANSWER,
    @JsonProperty("reject") REJECT,
    @JsonProperty("ignore") IGNORE
}
