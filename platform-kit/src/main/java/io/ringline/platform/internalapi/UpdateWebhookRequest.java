package io.ringline.platform.internalapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Gateway → fan-out, {@code PATCH /internal/tenants/{tenantId}/webhooks/{id}}: absent (or null) fields stay as they
 * are; {@code events} replaces the list; an empty {@code whatsappNumberIds} makes the webhook tenant-wide.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UpdateWebhookRequest(String name, String url, List<String> events, Boolean active,
        List<String> whatsappNumberIds) {
}
