package io.ringline.signaling.call.provider.evogo;

import io.ringline.platform.net.ProviderText;
import io.ringline.signaling.call.CommandError;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How an Evolution GO error answer ({@code {error:"…"}} with a 4xx/5xx) is reported to the tenant:
 * 409 means the instance is not connected to WhatsApp; anything else is the provider's failure (502)
 * with GO's status and message in {@code details}. GO's text reaches the tenant only as a
 * {@link ProviderText} excerpt; a GO that cannot be reached is not this class's business
 * ({@link io.ringline.signaling.call.provider.ProviderFailures}).
 */
final class EvoGoErrors {

    private EvoGoErrors() {
    }

    static CommandError fromResponse(int status, String body, JsonMapper json) {
        String message = providerMessage(body, json);
        if (status == 409) {
            return new CommandError(409, "WHATSAPP_INSTANCE_NOT_CONNECTED",
                    "The WhatsApp instance of this number is not connected", details(status, message, json));
        }
        return new CommandError(502, "PROVIDER_ERROR", "Evolution GO refused the request (HTTP " + status + ")",
                details(status, message, json));
    }

    static CommandError unexpectedAnswer(String problem) {
        return new CommandError(502, "PROVIDER_ERROR", "Evolution GO answered unexpectedly: " + truncate(problem), null);
    }

    private static String providerMessage(String body, JsonMapper json) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = json.readTree(body);
            String error = node.path("error").asString(null);
            if (error != null) {
                return truncate(error);
            }
        } catch (tools.jackson.core.JacksonException e) {
            // not JSON: report the text as it came
        }
        return truncate(body);
    }

    private static String details(int status, String message, JsonMapper json) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("providerStatus", status);
        if (message != null) {
            details.put("providerError", message);
        }
        return json.writeValueAsString(details);
    }

    private static String truncate(String text) {
        return ProviderText.excerpt(text);
    }
}
