package io.ringline.fanout.subscription.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ringline.fanout.subscription.Subscription;
import java.time.Instant;
import java.util.List;

/** The webhook object (internal-apis.md). Never carries the secret. */
@JsonInclude(JsonInclude.Include.ALWAYS)
record WebhookResponse(String id, String tenantId, String name, String url, String environment, List<String> events,
        boolean active, List<String> whatsappNumberIds, String createdAt, String updatedAt, String lastTriggered) {

    static WebhookResponse of(Subscription subscription) {
        Subscription.Snapshot s = subscription.snapshot();
        return new WebhookResponse(s.id(), s.tenantId(), s.name(), s.url(), "LIVE", s.events().names(), s.active(),
                s.numberIds(), iso(s.createdAt()), iso(s.updatedAt()), iso(s.lastTriggered()));
    }

    static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
