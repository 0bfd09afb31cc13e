package io.ringline.fanout.subscription.web;

import java.util.List;

/** Body of {@code PATCH …/webhooks/{id}}: absent (or null) fields stay as they are; {@code events} replaces the list. */
record UpdateWebhookRequest(String name, String url, List<String> events, Boolean active,
        List<String> whatsappNumberIds) {
}
