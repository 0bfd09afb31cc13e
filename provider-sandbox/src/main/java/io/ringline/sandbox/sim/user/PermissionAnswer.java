package io.ringline.sandbox.sim.user;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The call permission a simulated user has given businesses, and what it answers to a permission request:
 * {@code none} declines, {@code temporary} grants 7 days, {@code permanent} grants until revoked.
 */
public enum PermissionAnswer {
    @JsonProperty("none") NONE,
    @JsonProperty("temporary") TEMPORARY,
    @JsonProperty("permanent") PERMANENT
}
