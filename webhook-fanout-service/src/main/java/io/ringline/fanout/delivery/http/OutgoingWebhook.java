package io.ringline.fanout.delivery.http;

import io.ringline.fanout.subscription.WebhookSecret;

/**
 * One request to send.
 *
 * @param webhookId the event id: the {@code webhook-id} header, identical on every retry so receivers deduplicate
 */
public record OutgoingWebhook(String url, String webhookId, String body, WebhookSecret secret) {
    @Override
    public String toString() {
        return "OutgoingWebhook[webhookId=" + webhookId + "]";
    }
}
