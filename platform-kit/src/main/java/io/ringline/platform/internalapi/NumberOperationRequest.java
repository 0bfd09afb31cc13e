package io.ringline.platform.internalapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

/**
 * Gateway → signaling, {@code POST /internal/numbers/{numberId}/provider/…}: a number-level provider operation.
 * Which fields an operation reads is in docs/internal-apis.md; the others are left out of the JSON.
 *
 * @param calling the validated, partial Meta calling settings ({@code settings/update})
 * @param to      the WhatsApp user, E.164 ({@code permissions/read}, {@code permissions/request})
 * @param text    the optional permission request text ({@code permissions/request})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NumberOperationRequest(NumberContextBody number, JsonNode calling, String to, String text) {

    public static NumberOperationRequest readSettings(NumberContextBody number) {
        return new NumberOperationRequest(number, null, null, null);
    }

    public static NumberOperationRequest updateSettings(NumberContextBody number, JsonNode calling) {
        return new NumberOperationRequest(number, calling, null, null);
    }

    public static NumberOperationRequest readPermission(NumberContextBody number, String to) {
        return new NumberOperationRequest(number, null, to, null);
    }

    public static NumberOperationRequest requestPermission(NumberContextBody number, String to, String text) {
        return new NumberOperationRequest(number, null, to, text);
    }
}
