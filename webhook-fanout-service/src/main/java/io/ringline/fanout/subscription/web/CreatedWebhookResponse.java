package io.ringline.fanout.subscription.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ringline.fanout.subscription.application.SubscriptionService;
import java.util.List;

/** The creation answer: the webhook object plus its signing secret, the only time the secret is shown. */
@JsonInclude(JsonInclude.Include.ALWAYS)
record CreatedWebhookResponse(String id, String tenantId, String name, String url, String environment,
        List<String> events, boolean active, List<String> whatsappNumberIds, String createdAt, String updatedAt,
        String lastTriggered, String secret) {

    static CreatedWebhookResponse of(SubscriptionService.Created created) {
        WebhookResponse w = WebhookResponse.of(created.subscription());
        return new CreatedWebhookResponse(w.id(), w.tenantId(), w.name(), w.url(), w.environment(), w.events(),
                w.active(), w.whatsappNumberIds(), w.createdAt(), w.updatedAt(), w.lastTriggered(),
                created.secret().value());
    }

    @Override
    public String toString() {
        return "CreatedWebhookResponse[id=" + id + ", secret=***]";
    }
}
