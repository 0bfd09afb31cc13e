package io.ringline.signaling.call.provider.meta;

import io.ringline.platform.net.ProviderText;
import io.ringline.signaling.call.CommandError;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a Graph API error ({@code {error:{code, message, error_data:{details}}}} with a 4xx/5xx) is
 * reported to the tenant (SPEC §3): the codes below have their own answers, every other one is the
 * provider's failure (502). Meta's code, message and details always travel in {@code details}, each
 * as a {@link ProviderText} excerpt.
 */
final class MetaErrors {

    /** One mapped Meta code. */
    record Mapping(int httpStatus, String code, String message) {
    }

    static final Map<Long, Mapping> TABLE = Map.of(
            138006L, new Mapping(403, "META_CALL_PERMISSION_REQUIRED",
                    "The WhatsApp user has not granted this business permission to call"),
            138009L, new Mapping(429, "META_CALL_PERMISSION_REQUEST_LIMIT",
                    "Too many call permission requests to this WhatsApp user"),
            131044L, new Mapping(402, "META_CALLING_PAYMENT_REQUIRED",
                    "The WhatsApp Business Account has no valid payment method"),
            138012L, new Mapping(429, "META_CALL_LIMIT_REACHED",
                    "Too many business-initiated calls to this WhatsApp user"),
            138015L, new Mapping(400, "META_CALLING_CANNOT_BE_ENABLED",
                    "Calling cannot be enabled on this number (messaging limit too low)"));

    private MetaErrors() {
    }

    public static CommandError fromResponse(int httpStatus, String body, JsonMapper json) {
        JsonNode error = errorObject(body, json);
        Long code = error != null && error.path("code").isNumber() ? error.path("code").asLong() : null;
        String message = error == null ? truncate(body) : truncate(error.path("message").asString(null));
        String details = error == null ? null : truncate(error.path("error_data").path("details").asString(null));
        Map<String, Object> detailsMap = new LinkedHashMap<>();
        detailsMap.put("providerStatus", httpStatus);
        detailsMap.put("providerCode", code);
        detailsMap.put("providerMessage", message);
        detailsMap.put("providerDetails", details);
        String detailsJson = json.writeValueAsString(detailsMap);
        Mapping mapped = code == null ? null : TABLE.get(code);
        if (mapped != null) {
            return new CommandError(mapped.httpStatus(), mapped.code(), mapped.message(), detailsJson);
        }
        return new CommandError(502, "PROVIDER_ERROR", "Meta refused the request"
                + (code != null ? " (code " + code + ")" : " (HTTP " + httpStatus + ")")
                + (message != null ? ": " + message : ""), detailsJson);
    }

    static CommandError unexpectedAnswer(String problem) {
        return new CommandError(502, "PROVIDER_ERROR", "Meta answered unexpectedly: " + truncate(problem), null);
    }

    private static JsonNode errorObject(String body, JsonMapper json) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode error = json.readTree(body).path("error");
            return error.isObject() ? error : null;
        } catch (tools.jackson.core.JacksonException e) {
            return null;
        }
    }

    private static String truncate(String text) {
        return ProviderText.excerpt(text);
    }
}
