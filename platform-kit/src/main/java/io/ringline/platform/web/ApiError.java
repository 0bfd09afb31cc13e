package io.ringline.platform.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** The error body of every Ringline endpoint. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, String code, Map<String, Object> details) {
}
