package io.ringline.sandbox.meta.permission;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Meta's call permission states. */
public enum PermissionStatus {
    @JsonProperty("no_permission") NO_PERMISSION,
    @JsonProperty("temporary") TEMPORARY,
    @JsonProperty("permanent") PERMANENT;

    public boolean allowsCalls() {
        return this != NO_PERMISSION;
    }
}
