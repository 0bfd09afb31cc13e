package io.ringline.platform.internalapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Gateway → fan-out, {@code POST …/webhooks/{id}/replay}: ISO-8601 instants, parsed by the fan-out so errors name
 * the field; {@code until} and {@code event} optional.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplayRequest(String since, String until, String event) {
}
