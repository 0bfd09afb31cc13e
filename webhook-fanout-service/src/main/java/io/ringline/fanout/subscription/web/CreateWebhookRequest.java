package io.ringline.fanout.subscription.web;

import java.util.List;

/**
 * Body of {@code POST /internal/tenants/{tenantId}/webhooks}. {@code whatsappNumberId} (singular, the
 * public API's spelling) is accepted as a shorthand for a one-element {@code whatsappNumberIds}.
 */
record CreateWebhookRequest(String url, String name, List<String> events, List<String> whatsappNumberIds,
        String whatsappNumberId) {
}
