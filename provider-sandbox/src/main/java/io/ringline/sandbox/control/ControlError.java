package io.ringline.sandbox.control;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Error body of the control API. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ControlError(String error, String details) {
}
