package io.ringline.fanout.delivery.http;

import io.ringline.fanout.subscription.WebhookSecret;
import java.util.List;

/**
 * One request to send.
 *
 * @param webhookId the event id: the {@code webhook-id} header, identical on every retry so receivers deduplicate
 * @param secrets   every secret to sign with (the current one, plus the replaced one during a rotation's grace)
 */
public record OutgoingWebhook(String url, String webhookId, String body, List<WebhookSecret> secrets) {

    public OutgoingWebhook {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one signing secret is needed");
        }
        secrets = List.copyOf(secrets);
    }

    public OutgoingWebhook(String url, String webhookId, String body, WebhookSecret secret) {
        this(url, webhookId, body, List.of(secret));
    }

    @Override
    public String toString() {
        return "OutgoingWebhook[webhookId=" + webhookId + "]";
    }
}
