package io.ringline.sandbox.evogo;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Call direction in Evolution GO's vocabulary, seen from the instance. */
public enum GoDirection {
    @JsonProperty("incoming") INCOMING,
    @JsonProperty("outgoing") OUTGOING
}
