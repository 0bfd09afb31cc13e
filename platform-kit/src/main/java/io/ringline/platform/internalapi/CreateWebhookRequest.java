package io.ringline.platform.internalapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Gateway → fan-out, {@code POST /internal/tenants/{tenantId}/webhooks}. {@code whatsappNumberId} (singular, the
 * public API's spelling) is accepted as a shorthand for a one-element {@code whatsappNumberIds}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateWebhookRequest(String url, String name, List<String> events, List<String> whatsappNumberIds,
        String whatsappNumberId) {
}
